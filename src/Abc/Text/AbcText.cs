using System.Text;

namespace MusicPile.Abc;

/// <summary>Turns file bytes into text, repairing the legacy encodings real ABC collections carry.</summary>
public static class AbcText
{
    /// <summary>Repair names reported in <see cref="DecodedText.RepairedFrom"/>.</summary>
    public const string Cp1252 = "cp1252", Cp437C1 = "cp437-c1", Utf8AsLatin1 = "utf8-as-latin1";

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>
    /// Decodes bytes: UTF-8 when valid (BOM dropped), else CP1252 with latin-1 for its unassigned bytes. Then repairs
    /// C1 control characters left by a CP437/Atari round trip (Essen) and UTF-8 that was read as latin-1 (<c>Ã©</c> to <c>é</c>).
    /// </summary>
    public static DecodedText Decode(ReadOnlySpan<byte> bytes)
    {
        var decoded = DecodeBytes(bytes);
        return decoded.RepairedFrom is null ? Repair(decoded.Text) : decoded;
    }

    /// <summary>
    /// The byte-level half of <see cref="Decode"/>: UTF-8 when valid (BOM dropped), else CP1252 (reported as repaired
    /// from <see cref="Cp1252"/>), without the text-level repairs, so that a caller can judge each tune of a file on
    /// its own with <see cref="Repair"/>.
    /// </summary>
    public static DecodedText DecodeBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            bytes = bytes[3..];
        try
        {
            return new DecodedText(StrictUtf8.GetString(bytes), null);
        }
        catch (DecoderFallbackException)
        {
            return new DecodedText(DecodeCp1252(bytes), Cp1252);
        }
    }

    /// <summary>Applies the text-level repairs of <see cref="Decode"/> to an already decoded string.</summary>
    public static DecodedText Repair(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Ascii.IsValid(text))
            return new DecodedText(text, null);
        if (TryUndoLatin1Mojibake(text, out var fixedText))
            return new DecodedText(fixedText, Utf8AsLatin1);
        if (text.AsSpan().IndexOfAnyInRange('\u0080', '\u009F') >= 0)
            return new DecodedText(RepairC1(text), Cp437C1);
        return new DecodedText(text, null);
    }

    private static string DecodeCp1252(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            chars[i] = b is >= 0x80 and <= 0x9F && LegacyCharsets.Cp1252High[b - 0x80] != '\0' ? LegacyCharsets.Cp1252High[b - 0x80] : (char)b;
        }
        return new string(chars);
    }

    /// <summary>Text whose every non-ASCII char fits in one CP1252/latin-1 byte and whose bytes form valid UTF-8 with fewer characters.</summary>
    private static bool TryUndoLatin1Mojibake(string text, out string result)
    {
        result = text;
        var hasLead = false;
        foreach (var c in text)
        {
            if (c is >= '\u00C2' and <= '\u00F4')
                hasLead = true;
        }
        if (!hasLead)
            return false;
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x100)
                bytes[i] = (byte)c;
            else
            {
                var k = Array.IndexOf(LegacyCharsets.Cp1252High, c);
                if (k < 0)
                    return false;
                bytes[i] = (byte)(0x80 + k);
            }
        }
        try
        {
            var decoded = StrictUtf8.GetString(bytes);
            if (decoded.Length >= text.Length)
                return false;
            result = decoded;
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>C1 controls are CP437/Atari bytes read as latin-1; in such text a latin-1 <c>á</c> after a letter is the same code page's <c>ß</c>.</summary>
    private static string RepairC1(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '\u0080' and <= '\u009F')
                sb.Append(LegacyCharsets.AtariCp437High[c - 0x80]);
            else if (c == 'á' && i > 0 && char.IsLower(sb[^1]))
                sb.Append('ß');
            else
                sb.Append(c);
        }
        return sb.ToString();
    }
}
