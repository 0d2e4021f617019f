using System.Globalization;

namespace MusicPile.Normalize;

/// <summary>Keep-or-drop for text documents with a reason code, so every dropped document is counted by why.</summary>
public static class TextQualityFilter
{
    /// <summary>Null to keep the text, else a reason code and a detail.</summary>
    public static (string Reason, string Detail)? Check(string text, TextQualityOptions o)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < o.MinWords)
            return ("quality-too-short", $"{words.Length} words, minimum {o.MinWords}");
        if (words.Length > o.MaxWords)
            return ("quality-too-long", $"{words.Length} words, maximum {o.MaxWords}");
        var mean = words.Average(w => (double)w.Length);
        if (mean < o.MinMeanWordLength || mean > o.MaxMeanWordLength)
            return ("quality-word-length", string.Create(CultureInfo.InvariantCulture, $"mean word length {mean:F1}"));
        var symbols = words.Count(w => w == "#" || w.Contains("...", StringComparison.Ordinal) || w.Contains('…', StringComparison.Ordinal));
        if ((double)symbols / words.Length > o.MaxSymbolRatio)
            return ("quality-symbol-ratio", $"{symbols} of {words.Length} words are symbols");
        var alpha = words.Count(w => w.Any(char.IsLetter));
        if ((double)alpha / words.Length < o.MinAlphabeticWordFraction)
            return ("quality-non-alphabetic", $"{alpha} of {words.Length} words hold a letter");
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length >= 5)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var dup = lines.Count(l => !seen.Add(l));
            if ((double)dup / lines.Length > o.MaxDuplicateLineFraction)
                return ("quality-repetition", $"{dup} of {lines.Length} lines repeat");
        }
        if (words.Length >= 50)
        {
            var counts = new Dictionary<(string, string), int>();
            for (var i = 0; i + 1 < words.Length; i++)
            {
                var key = (words[i].ToLowerInvariant(), words[i + 1].ToLowerInvariant());
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
            var (top, n) = counts.MaxBy(kv => kv.Value) is var kv2 ? (kv2.Key, kv2.Value) : default;
            var chars = text.Length;
            var frac = (double)n * (top.Item1.Length + top.Item2.Length + 1) / Math.Max(1, chars);
            if (frac > o.MaxTopBigramFraction)
                return ("quality-repetition", string.Create(CultureInfo.InvariantCulture, $"'{top.Item1} {top.Item2}' covers {frac:P0} of the text"));
        }
        return null;
    }
}
