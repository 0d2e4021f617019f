using MusicPile.Dedup.Shingling;

namespace MusicPile.Dedup.Hashing;

/// <summary>128 bits of a melody fingerprint string (two seeded XXH64), small enough to sort and safe from collisions in practice.</summary>
internal static class FingerprintHash
{
    public static (ulong Hi, ulong Lo) Compute(string fingerprint, ulong seed) =>
        (TokenHasher.Hash(fingerprint, seed ^ 0x66696E6765727072UL), TokenHasher.Hash(fingerprint, seed ^ 0x6D656C6F64793132UL));
}
