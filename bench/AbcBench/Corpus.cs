using System.Text;
using MusicPile.Abc;

namespace AbcBench;

/// <summary>Loads the ABC collections and splits files at <c>X:</c> lines, the same split the baseline TSV uses.</summary>
internal static class Corpus
{
    private static readonly (string Folder, string Collection)[] Collections =
    [
        ("nottingham/ABC_original", "nott_orig"),
        ("nottingham/ABC_cleaned", "nott_clean"),
        ("music21/essenFolksong", "essen"),
        ("music21/ryansMammoth", "ryans"),
        ("music21/airdsAirs", "airds"),
        ("music21/miscFolk", "miscfolk"),
    ];

    public static async Task<List<CorpusTune>> LoadAsync(string abcDir, CancellationToken cancellationToken)
    {
        var tunes = new List<CorpusTune>();
        foreach (var (folder, collection) in Collections)
        {
            var dir = Path.Combine(abcDir, folder);
            if (!Directory.Exists(dir))
                continue;
            var files = Directory.GetFiles(dir, "*.abc").Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
                var text = AbcText.Decode(bytes).Text;
                var relative = Path.GetRelativePath(abcDir, file).Replace('\\', '/');
                var ordinal = 0;
                foreach (var chunk in Split(text))
                    tunes.Add(new CorpusTune(collection, relative, ordinal++, chunk));
            }
        }
        return tunes;
    }

    /// <summary>Chunks from each <c>X:</c> line to the next; preamble field lines (not comments) go in front of every chunk.</summary>
    internal static IEnumerable<string> Split(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var preamble = new StringBuilder();
        var i = 0;
        for (; i < lines.Length && !lines[i].StartsWith("X:", StringComparison.Ordinal); i++)
        {
            if (lines[i].Length > 1 && (lines[i][1] == ':' && char.IsAsciiLetter(lines[i][0]) || lines[i].StartsWith("%%", StringComparison.Ordinal)))
                preamble.Append(lines[i]).Append('\n');
        }
        var chunk = new StringBuilder();
        for (; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("X:", StringComparison.Ordinal) && chunk.Length > 0)
            {
                yield return chunk.ToString();
                chunk.Clear();
            }
            if (chunk.Length == 0)
                chunk.Append(preamble);
            chunk.Append(lines[i]).Append('\n');
        }
        if (chunk.Length > 0)
            yield return chunk.ToString();
    }
}
