namespace MusicPile.Abc;

internal static class FieldText
{
    /// <summary>Field letters ABC 2.1 defines (header or body).</summary>
    public const string KnownFields = "ABCDFGHIKLMmNOPQRrSsTUVWwXZ";

    /// <summary>The value of a field: trimmed, and for non-text fields without a trailing <c>%</c> comment.</summary>
    public static string Value(char name, ReadOnlySpan<char> raw)
    {
        if (name is 'K' or 'M' or 'L' or 'Q' or 'V' or 'X' or 'P' or 'I' or 'U' or 'm')
        {
            var pct = raw.IndexOf('%');
            if (pct >= 0 && (pct == 0 || raw[pct - 1] != '\\'))
                raw = raw[..pct];
        }
        return raw.Trim().ToString();
    }

    /// <summary>Reads <c>Q:</c>; returns beats per minute and the beat length, or false.</summary>
    public static bool TryTempo(string value, out Rational beat, out double bpm)
    {
        beat = new Rational(1, 4);
        bpm = 0;
        var s = value;
        while (true)
        {
            var q1 = s.IndexOf('"');
            if (q1 < 0)
                break;
            var q2 = s.IndexOf('"', q1 + 1);
            s = q2 < 0 ? s[..q1] : s[..q1] + s[(q2 + 1)..];
        }
        s = s.Trim();
        var eq = s.IndexOf('=');
        var left = eq >= 0 ? s[..eq].Trim() : "";
        var right = (eq >= 0 ? s[(eq + 1)..] : s).Trim();
        if (left.Length > 0)
        {
            var sum = Rational.Zero;
            foreach (var part in left.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!Rational.TryParse(part, out var r) || r.IsZero)
                {
                    if (part.Length == 1 && char.IsAsciiLetterUpper(part[0]))
                        continue;
                    return false;
                }
                sum += r;
            }
            if (!sum.IsZero)
                beat = sum;
        }
        var digits = 0;
        while (digits < right.Length && char.IsAsciiDigit(right[digits]))
            digits++;
        if (digits == 0 || digits > 5)
            return false;
        bpm = int.Parse(right.AsSpan(0, digits), System.Globalization.CultureInfo.InvariantCulture);
        return bpm > 0;
    }
}
