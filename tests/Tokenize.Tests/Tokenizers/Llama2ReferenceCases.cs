using System.Text;
using System.Text.RegularExpressions;

namespace MusicPile.Tokenize.Tests;

/// <summary>The encode cases llama-tokenizer-js asserts in its own self-test, read from its script.</summary>
internal static partial class Llama2ReferenceCases
{
    public static IReadOnlyList<(string Text, int[] Ids)> Parse(string script)
    {
        var cases = new List<(string, int[])>();
        foreach (Match match in TestCasePattern().Matches(script))
        {
            var ids = match.Groups["ids"].Value
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(int.Parse)
                .ToArray();
            cases.Add((Unescape(match.Groups["text"].Value), ids));
        }
        return cases;
    }

    private static string Unescape(string literal)
    {
        var text = new StringBuilder(literal.Length);
        for (var i = 0; i < literal.Length; i++)
        {
            if (literal[i] != '\\')
            {
                text.Append(literal[i]);
                continue;
            }
            var c = literal[++i];
            switch (c)
            {
                case 'n': text.Append('\n'); break;
                case 't': text.Append('\t'); break;
                case 'r': text.Append('\r'); break;
                case 'u':
                    text.Append((char)Convert.ToInt32(literal.Substring(i + 1, 4), 16));
                    i += 4;
                    break;
                default: text.Append(c); break;
            }
        }
        return text.ToString();
    }

    [GeneratedRegex("""testCase\(\s*(?<q>["'])(?<text>(?:\\.|(?!\k<q>).)*)\k<q>\s*,\s*\[(?<ids>[\d,\s]+)\]\s*\)""", RegexOptions.Singleline)]
    private static partial Regex TestCasePattern();
}
