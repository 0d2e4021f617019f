using MusicPile.Abc;
using MusicPile.Testing;

namespace MusicPile.Abc.Tests;

/// <summary>The shared ABC collections, read and parsed once per test run.</summary>
internal static class DatasetCorpus
{
    public sealed record SourceFile(string Collection, string RelativePath, string Text, AbcDocument Document);

    private static readonly Lazy<IReadOnlyList<SourceFile>> Files = new(Load);

    /// <summary>Collection names as the baseline TSV spells them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Collections = new Dictionary<string, string>
    {
        ["nottingham/ABC_original"] = "nott_orig",
        ["nottingham/ABC_cleaned"] = "nott_clean",
        ["music21/essenFolksong"] = "essen",
        ["music21/ryansMammoth"] = "ryans",
        ["music21/airdsAirs"] = "airds",
        ["music21/miscFolk"] = "miscfolk",
    };

    public static string AbcRoot() => Path.Combine(TestPaths.RequireDatasets(), "abc");

    public static IReadOnlyList<SourceFile> All()
    {
        AbcRoot();
        return Files.Value;
    }

    public static IEnumerable<(SourceFile File, AbcTune Tune)> Tunes() =>
        All().SelectMany(f => f.Document.Tunes.Select(t => (f, t)));

    private static List<SourceFile> Load()
    {
        var root = AbcRoot();
        var result = new List<SourceFile>();
        foreach (var (folder, name) in Collections)
        {
            foreach (var path in Directory.EnumerateFiles(Path.Combine(root, folder), "*.abc").Order(StringComparer.Ordinal))
            {
                var text = AbcText.Decode(File.ReadAllBytes(path)).Text;
                var rel = Path.GetRelativePath(root, path).Replace('\\', '/');
                result.Add(new SourceFile(name, rel, text, AbcDocument.Parse(text, rel)));
            }
        }
        return result;
    }
}
