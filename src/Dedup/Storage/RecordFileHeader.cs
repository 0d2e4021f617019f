using System.Buffers.Binary;

namespace MusicPile.Dedup.Storage;

/// <summary>What a record file holds; stored in its header and checked on open.</summary>
internal enum RecordKind : uint
{
    SortRun = 1,
    Documents = 2,
    Signatures = 3,
    ExactKeys = 4,
    MusicKeys = 5,
    BandBuckets = 6,
    Temp = 7,
}

/// <summary>
/// The 32-byte header of every dedup record file, little-endian: magic <c>MPDEDUP\0</c>, u32 format version,
/// u32 kind, u32 record size in bytes, u32 parameter (band number for band files), u64 record count.
/// A file whose length is not header + count x size is rejected, so a truncated write is never read as complete.
/// </summary>
internal readonly record struct RecordFileHeader(RecordKind Kind, int RecordSize, uint Parameter, long Count)
{
    public const int Size = 32;
    public const uint FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => "MPDEDUP\0"u8;

    public void Write(Span<byte> span)
    {
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], FormatVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], (uint)Kind);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], (uint)RecordSize);
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], Parameter);
        BinaryPrimitives.WriteInt64LittleEndian(span[24..], Count);
    }

    public static RecordFileHeader Read(ReadOnlySpan<byte> span, string path, long fileLength, RecordKind expectedKind, int expectedRecordSize)
    {
        if (span.Length < Size || !span[..8].SequenceEqual(Magic))
            throw new DedupFormatException(path, "not a dedup record file (bad magic)");
        var version = BinaryPrimitives.ReadUInt32LittleEndian(span[8..]);
        if (version != FormatVersion)
            throw new DedupFormatException(path, $"format version {version}, this build reads {FormatVersion}");
        var header = new RecordFileHeader(
            (RecordKind)BinaryPrimitives.ReadUInt32LittleEndian(span[12..]),
            (int)BinaryPrimitives.ReadUInt32LittleEndian(span[16..]),
            BinaryPrimitives.ReadUInt32LittleEndian(span[20..]),
            BinaryPrimitives.ReadInt64LittleEndian(span[24..]));
        if (header.Kind != expectedKind)
            throw new DedupFormatException(path, $"holds {header.Kind}, expected {expectedKind}");
        if (header.RecordSize != expectedRecordSize)
            throw new DedupFormatException(path, $"record size {header.RecordSize}, expected {expectedRecordSize}");
        if (header.Count < 0 || Size + header.Count * header.RecordSize != fileLength)
            throw new DedupFormatException(path, $"length {fileLength} does not match {header.Count} records (truncated or unfinished)");
        return header;
    }
}
