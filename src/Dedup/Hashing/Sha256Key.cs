using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace MusicPile.Dedup.Hashing;

/// <summary>A 256-bit digest as four big-endian words, so comparing words compares the bytes in order.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly record struct Sha256Key(ulong A, ulong B, ulong C, ulong D) : IComparable<Sha256Key>
{
    public static Sha256Key FromBytes(ReadOnlySpan<byte> digest) => new(
        BinaryPrimitives.ReadUInt64BigEndian(digest),
        BinaryPrimitives.ReadUInt64BigEndian(digest[8..]),
        BinaryPrimitives.ReadUInt64BigEndian(digest[16..]),
        BinaryPrimitives.ReadUInt64BigEndian(digest[24..]));

    public int CompareTo(Sha256Key other)
    {
        var c = A.CompareTo(other.A);
        if (c != 0) return c;
        c = B.CompareTo(other.B);
        if (c != 0) return c;
        c = C.CompareTo(other.C);
        return c != 0 ? c : D.CompareTo(other.D);
    }

    public override string ToString() => $"{A:x16}{B:x16}{C:x16}{D:x16}";
}
