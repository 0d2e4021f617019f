namespace MusicPile.Abc;

internal static class KeyParser
{
    private static readonly string[] ClefNames = ["treble", "bass", "alto", "tenor", "perc", "none", "bass3", "alto1", "alto2", "soprano", "mezzo", "baritone"];

    public static bool TryParse(string value, out AbcKey key)
    {
        key = AbcKey.CMajor;
        var text = value.Trim();
        var pct = text.IndexOf('%');
        if (pct >= 0)
            text = text[..pct].TrimEnd();
        if (text.Length == 0)
            return true;
        var tokens = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var t = 0;
        var first = tokens[0];
        var result = new AbcKey();
        if (first.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            result = result with { Tonic = "", IsNone = true };
            t = 1;
        }
        else if (first is "HP" or "Hp")
        {
            result = result with { Tonic = "", IsHighlandPipes = true };
            t = 1;
        }
        else if (ClefNames.Contains(first, StringComparer.OrdinalIgnoreCase) || first.Contains('=', StringComparison.Ordinal))
        {
            result = result with { Tonic = "" , IsNone = false };
        }
        else if (char.ToUpperInvariant(first[0]) is >= 'A' and <= 'G')
        {
            var p = 1;
            var acc = 0;
            if (p < first.Length && first[p] == '#') { acc = 1; p++; }
            else if (p < first.Length && first[p] == 'b') { acc = -1; p++; }
            var modeText = first[p..];
            if (modeText.Length == 0 && tokens.Length > 1 && TryMode(tokens[1], out _))
            {
                modeText = tokens[1];
                t = 1;
            }
            if (!TryMode(modeText, out var mode))
                return false;
            t++;
            var fifths = LetterFifths(first[0]) + 7 * acc + AbcKey.ModeFifths(mode);
            result = result with { Tonic = char.ToUpperInvariant(first[0]) + first[1..p], Mode = mode, Fifths = fifths };
            if (fifths is > 7 or < -7)
            {
                key = result;
                return false;
            }
        }
        else if (first[0] is not ('^' or '_' or '='))
        {
            return false;
        }
        else
        {
            result = result with { Tonic = "", IsNone = true };
        }

        var accidentals = new List<(char, int)>();
        var extra = new List<string>();
        for (; t < tokens.Length; t++)
        {
            var tok = tokens[t];
            if (TryExplicit(tok, accidentals))
                continue;
            if (tok.StartsWith("clef=", StringComparison.OrdinalIgnoreCase))
                result = result with { Clef = tok[5..] };
            else if (ClefNames.Contains(tok, StringComparer.OrdinalIgnoreCase))
                result = result with { Clef = tok };
            extra.Add(tok);
        }
        key = result with { ExplicitAccidentals = accidentals, Extra = string.Join(' ', extra) };
        return true;
    }

    internal static int LetterFifths(char letter) => "FCGDAEB".IndexOf(char.ToUpperInvariant(letter)) - 1;

    private static bool TryExplicit(string tok, List<(char, int)> into)
    {
        var i = 0;
        var start = into.Count;
        while (i < tok.Length)
        {
            var alt = 0;
            if (tok.AsSpan(i).StartsWith("^^")) { alt = 2; i += 2; }
            else if (tok.AsSpan(i).StartsWith("__")) { alt = -2; i += 2; }
            else if (tok[i] == '^') { alt = 1; i++; }
            else if (tok[i] == '_') { alt = -1; i++; }
            else if (tok[i] == '=') { i++; }
            else break;
            if (i >= tok.Length || char.ToUpperInvariant(tok[i]) is < 'A' or > 'G')
                break;
            into.Add((char.ToUpperInvariant(tok[i]), alt));
            i++;
        }
        if (i == tok.Length && into.Count > start)
            return true;
        into.RemoveRange(start, into.Count - start);
        return false;
    }

    private static bool TryMode(string text, out AbcMode mode)
    {
        mode = AbcMode.Major;
        if (text.Length == 0)
            return true;
        if (text is "m" or "M")
        {
            mode = AbcMode.Minor;
            return true;
        }
        if (text.Length < 3)
            return false;
        var head = text[..3].ToLowerInvariant();
        AbcMode? m = head switch
        {
            "maj" or "ion" => AbcMode.Major,
            "min" or "aeo" => AbcMode.Minor,
            "mix" => AbcMode.Mixolydian,
            "dor" => AbcMode.Dorian,
            "phr" => AbcMode.Phrygian,
            "lyd" => AbcMode.Lydian,
            "loc" => AbcMode.Locrian,
            _ => null,
        };
        if (m is null)
            return false;
        mode = m.Value;
        return true;
    }
}
