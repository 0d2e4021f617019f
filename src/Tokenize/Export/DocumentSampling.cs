using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MusicPile.Tokenize;

/// <summary>
/// Split and mixture decisions that depend only on a document's own hash, so a document always lands in the same
/// split and keeps the same number of copies whatever else is in the corpus.
/// </summary>
public static class DocumentSampling
{
    /// <summary>A number in [0, 1) derived from <paramref name="documentSha256"/> and <paramref name="salt"/>.</summary>
    public static double UnitInterval(string documentSha256, string salt)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{salt}\n{documentSha256}"), hash);
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>Whether the document belongs to the validation split.</summary>
    public static bool IsValidation(string documentSha256, double validationFraction, string salt = "split") =>
        UnitInterval(documentSha256, salt) < validationFraction;

    /// <summary>
    /// Copies of the document for a mixture <paramref name="weight"/>: the whole part of the weight, plus one more
    /// when the document's hash falls under the fractional part (so 0.25 keeps about a quarter, 2.5 gives 2 or 3).
    /// A different salt from the split keeps the two decisions independent.
    /// </summary>
    public static int Copies(string documentSha256, double weight, string salt = "mix")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weight);
        var whole = Math.Floor(weight);
        var extra = UnitInterval(documentSha256, salt) < weight - whole ? 1 : 0;
        return checked((int)whole + extra);
    }

    /// <summary>Lowercase hex sha256 of the UTF-8 text, for documents that arrive without a hash.</summary>
    public static string Sha256Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
