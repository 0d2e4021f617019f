using System.Security.Cryptography;
using System.Text;

namespace MusicPile.Dedup.Hashing;

/// <summary>The exact-dedup key: SHA-256 of the text with line ends unified and blank space at line ends and ends of text trimmed.</summary>
internal static class ContentHash
{
    /// <summary>Case and inner spacing are kept: ABC is case-sensitive and spacing inside a bar groups beams.</summary>
    public static string Normalise(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var rawLine in text.ReplaceLineEndings("\n").Split('\n'))
            sb.Append(rawLine.TrimEnd()).Append('\n');
        return sb.ToString().Trim('\n', ' ', '\t');
    }

    public static Sha256Key Compute(string text)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(Normalise(text)), digest);
        return Sha256Key.FromBytes(digest);
    }

    public static Sha256Key FromHexOrCompute(string? hex, string text)
    {
        if (hex is null)
            return Compute(text);
        Span<byte> digest = stackalloc byte[32];
        if (hex.Length != 64 || Convert.FromHexString(hex, digest, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
            throw new ArgumentException($"ContentHash must be 64 hex digits, got '{hex}'");
        return Sha256Key.FromBytes(digest);
    }
}
