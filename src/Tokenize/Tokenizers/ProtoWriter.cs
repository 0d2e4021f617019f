using System.Buffers.Binary;
using System.Text;

namespace MusicPile.Tokenize;

/// <summary>Minimal protobuf wire-format writer: enough for SentencePiece's ModelProto.</summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new();

    public byte[] ToArray() => _buffer.ToArray();

    public void WriteVarintField(int field, ulong value)
    {
        WriteTag(field, 0);
        WriteVarint(value);
    }

    public void WriteBoolField(int field, bool value) => WriteVarintField(field, value ? 1UL : 0UL);

    /// <summary>Negative int32 values take ten bytes on the wire, as protobuf's sign extension requires.</summary>
    public void WriteInt32Field(int field, int value) => WriteVarintField(field, unchecked((ulong)(long)value));

    public void WriteFloatField(int field, float value)
    {
        WriteTag(field, 5);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
    }

    public void WriteStringField(int field, string value) => WriteBytesField(field, Encoding.UTF8.GetBytes(value));

    public void WriteBytesField(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, 2);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    public void WriteMessageField(int field, ProtoWriter message) => WriteBytesField(field, message._buffer.GetBuffer().AsSpan(0, (int)message._buffer.Length));

    private void WriteTag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _buffer.WriteByte((byte)value);
    }
}
