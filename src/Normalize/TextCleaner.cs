using System.Globalization;
using System.Text;

namespace MusicPile.Normalize;

/// <summary>Unicode NFC, one kind of line ending, no control characters, no trailing spaces, at most one blank line in a row.</summary>
public static class TextCleaner
{
    public static string Clean(string text)
    {
        var nfc = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(nfc.Length);
        var blank = 0;
        foreach (var rawLine in nfc.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n'))
        {
            var line = StripControls(rawLine).TrimEnd();
            if (line.Length == 0)
            {
                if (sb.Length > 0 && ++blank == 1)
                    sb.Append('\n');
                continue;
            }
            blank = 0;
            sb.Append(line).Append('\n');
        }
        return sb.ToString().Trim('\n');
    }

    private static string StripControls(string line)
    {
        var clean = true;
        foreach (var c in line)
        {
            if (IsDropped(c))
            {
                clean = false;
                break;
            }
        }
        if (clean)
            return line;
        var sb = new StringBuilder(line.Length);
        foreach (var c in line)
        {
            if (c == '\t')
                sb.Append(' ');
            else if (!IsDropped(c))
                sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool IsDropped(char c) =>
        c == '\t' || (char.GetUnicodeCategory(c) == UnicodeCategory.Control) || c == '\uFEFF' || c == '\u200B';
}
