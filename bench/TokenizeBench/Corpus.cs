using System.Text.Json;
using System.Text.RegularExpressions;

namespace TokenizeBench;

/// <summary>
/// One benchmark document: a JSONL line's <c>text</c> (<paramref name="Line"/> set) or one ABC tune, which starts at
/// <paramref name="Offset"/> in its file; <paramref name="File"/> is relative to the datasets folder.
/// </summary>
internal sealed record CorpusDocument(string File, int? Line, int Offset, string Text);

/// <summary>The shared text and ABC corpus, in a fixed order.</summary>
internal static partial class Corpus
{
    public static List<CorpusDocument> Load(string datasets)
    {
        var docs = new List<CorpusDocument>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(datasets, "text"), "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var line = 0;
            foreach (var json in File.ReadLines(file))
            {
                using var parsed = JsonDocument.Parse(json);
                docs.Add(new CorpusDocument(Relative(datasets, file), line++, 0, parsed.RootElement.GetProperty("text").GetString()!));
            }
        }
        foreach (var file in Directory.EnumerateFiles(Path.Combine(datasets, "abc"), "*.abc", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var content = File.ReadAllText(file);
            var starts = TuneStart().Matches(content).Select(m => m.Index).Append(content.Length).ToArray();
            for (var i = 0; i + 1 < starts.Length; i++)
                docs.Add(new CorpusDocument(Relative(datasets, file), null, starts[i], content[starts[i]..starts[i + 1]].TrimEnd()));
        }
        return docs;
    }

    private static string Relative(string datasets, string file) => Path.GetRelativePath(datasets, file).Replace('\\', '/');

    [GeneratedRegex("^X:", RegexOptions.Multiline)]
    private static partial Regex TuneStart();
}
