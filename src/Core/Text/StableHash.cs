using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MusicPile.Core.Text;

/// <summary>Seeded hashes that are the same on every machine and run (unlike <see cref="string.GetHashCode()"/>).</summary>
public static class StableHash
{
    /// <summary>A 64-bit hash of the parts joined by newlines.</summary>
    public static ulong Of(params object[] parts)
    {
        var text = string.Join("\n", parts.Select(p => Convert.ToString(p, System.Globalization.CultureInfo.InvariantCulture)));
        return BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>A positive 63-bit id.</summary>
    public static long Id(params object[] parts) => (long)(Of(parts) & 0x7FFF_FFFF_FFFF_FFFF);
}
