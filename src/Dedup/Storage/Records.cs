using System.Runtime.InteropServices;
using MusicPile.Dedup.Hashing;

namespace MusicPile.Dedup.Storage;

/// <summary>Exact key of a document of this run: content hash, then dense document number.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly record struct ExactEntry(Sha256Key Key, int Doc) : IComparable<ExactEntry>
{
    public int CompareTo(ExactEntry other)
    {
        var c = Key.CompareTo(other.Key);
        return c != 0 ? c : Doc.CompareTo(other.Doc);
    }
}

/// <summary>128-bit hash of a melody fingerprint, then dense document number.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly record struct MusicEntry(ulong Hi, ulong Lo, int Doc) : IComparable<MusicEntry>
{
    public bool SameKey(ulong hi, ulong lo) => Hi == hi && Lo == lo;

    public int CompareTo(MusicEntry other)
    {
        var c = Hi.CompareTo(other.Hi);
        if (c != 0) return c;
        c = Lo.CompareTo(other.Lo);
        return c != 0 ? c : Doc.CompareTo(other.Doc);
    }
}

/// <summary>One LSH band bucket of a document of this run, ordered by band, bucket, document.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly record struct BandEntry(ulong Bucket, int Band, int Doc) : IComparable<BandEntry>
{
    public int CompareTo(BandEntry other)
    {
        var c = Band.CompareTo(other.Band);
        if (c != 0) return c;
        c = Bucket.CompareTo(other.Bucket);
        return c != 0 ? c : Doc.CompareTo(other.Doc);
    }
}

/// <summary>Index: a kept document at its index position.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly record struct IndexDocument(long Id, long Order);

/// <summary>Index: a content hash and the id of the kept document it resolves to.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly record struct IndexExact(Sha256Key Key, long KeptId) : IComparable<IndexExact>
{
    public int CompareTo(IndexExact other)
    {
        var c = Key.CompareTo(other.Key);
        return c != 0 ? c : KeptId.CompareTo(other.KeptId);
    }
}

/// <summary>Index: a melody fingerprint hash and the id of the kept document it resolves to.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly record struct IndexMusic(ulong Hi, ulong Lo, long KeptId) : IComparable<IndexMusic>
{
    public int CompareTo(IndexMusic other)
    {
        var c = Hi.CompareTo(other.Hi);
        if (c != 0) return c;
        c = Lo.CompareTo(other.Lo);
        return c != 0 ? c : KeptId.CompareTo(other.KeptId);
    }
}

/// <summary>Index: one band bucket of a kept document (band number in the file header), ordered by bucket then position.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly record struct IndexBand(ulong Bucket, int Position) : IComparable<IndexBand>
{
    public int CompareTo(IndexBand other)
    {
        var c = Bucket.CompareTo(other.Bucket);
        return c != 0 ? c : Position.CompareTo(other.Position);
    }
}
