using System.Text;
using MusicPile.Abc;

namespace MusicPile.Ingest.Validation;

/// <summary>UTF-8 first; bytes that are not UTF-8 are repaired from a legacy encoding (counted) when that is plausible.</summary>
internal static class TextDecoding
{
    private static readonly UTF8Encoding Strict = new(false, true);

    public sealed record Result(string Text, string? RepairedFrom, string? Problem, string? Detail);

    public static Result Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var text = Strict.GetString(bytes);
            var repaired = AbcText.Repair(text);
            return new Result(repaired.Text, repaired.RepairedFrom, null, null);
        }
        catch (DecoderFallbackException e)
        {
            var decoded = AbcText.Decode(bytes);
            if (decoded.RepairedFrom is not null && !decoded.Text.Contains('\uFFFD', StringComparison.Ordinal))
                return new Result(decoded.Text, decoded.RepairedFrom, null, null);
            return new Result("", null, "invalid-utf8", $"invalid UTF-8 at byte {e.Index}");
        }
    }
}
