using System.Buffers.Binary;
using MusicPile.Dedup.Hashing;

namespace MusicPile.Dedup.Shingling;

/// <summary>Hashes token text as UTF-16 code units written little-endian, independent of the machine.</summary>
internal static class TokenHasher
{
    public static ulong Hash(ReadOnlySpan<char> token, ulong seed)
    {
        Span<byte> bytes = token.Length <= 256 ? stackalloc byte[token.Length * 2] : new byte[token.Length * 2];
        for (var i = 0; i < token.Length; i++)
            BinaryPrimitives.WriteUInt16LittleEndian(bytes[(i * 2)..], token[i]);
        return XxHash64.Hash(bytes, seed);
    }
}
