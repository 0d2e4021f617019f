using System.Globalization;
using System.Text.Json;
using MusicPile.Core.Catalog;
using YamlDotNet.RepresentationModel;

namespace MusicPile.Publish.Tests;

public sealed class DatasetCardTests(ITestOutputHelper output)
{
    private static readonly string Pipeline = NightHarness.NightlyPipeline("cards", ("folk", "abc", "folk", "CC0-1.0"), ("notes", "jsonl", "notes", "CC0-1.0"));

    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Every_snapshot_carries_a_card_that_matches_its_files_and_counts()
    {
        var tunes = SharedTunes.Load(24);
        var dir = TestPaths.NewTempDir("musicpile-card");
        Directory.CreateDirectory(Path.Combine(dir, "folk"));
        Directory.CreateDirectory(Path.Combine(dir, "notes"));
        // Four tunes twice: exact duplicates the card reports as removed.
        await File.WriteAllTextAsync(Path.Combine(dir, "folk", "a.abc"), string.Join("\n", tunes.Take(20)));
        await File.WriteAllTextAsync(Path.Combine(dir, "folk", "b.abc"), string.Join("\n", tunes.Skip(16)));
        // A line that is no JSON: a reject the card reports by reason.
        await File.WriteAllLinesAsync(Path.Combine(dir, "notes", "n.jsonl"), [.. SharedTunes.Captions(12), "not json {"]);
        await using var h = await NightHarness.CreateAsync("cards");
        var run = await h.RunAsync(Pipeline, dir);
        var snapshot = await h.LatestAsync();
        var folder = Path.Combine(h.Home.SnapshotsDir, snapshot.Id);
        var text = await File.ReadAllTextAsync(Path.Combine(folder, DatasetCard.FileName), Ct);
        output.WriteLine(text);

        var yaml = FrontMatter(text);
        Assert.Equal("cc0-1.0", Scalar(yaml, "license"));
        Assert.Equal(DatasetCard.SizeCategory(snapshot.Documents), Assert.Single(Sequence(yaml, "size_categories")));
        Assert.Equal(["text-generation"], Sequence(yaml, "task_categories"));
        Assert.Equal(["music", "abc-notation", "symbolic-music"], Sequence(yaml, "tags"));
        Assert.Equal(["en"], Sequence(yaml, "language"));
        var config = (YamlMappingNode)Assert.Single(((YamlSequenceNode)yaml.Children[new YamlScalarNode("configs")]).Children);
        Assert.Equal("default", Scalar(config, "config_name"));
        var dataFiles = (YamlMappingNode)Assert.Single(((YamlSequenceNode)config.Children[new YamlScalarNode("data_files")]).Children);
        Assert.Equal("train", Scalar(dataFiles, "split"));

        // The globs cover exactly the snapshot's Parquet files, one folder per source.
        var files = await SnapshotCatalog.FilesAsync(h.Db, snapshot.Id, Ct);
        var folders = files.Select(f => Path.GetDirectoryName(f.Path)!).Distinct().Order(StringComparer.Ordinal).ToList();
        var globs = Sequence(dataFiles, "path");
        Assert.Equal(folders.Select(f => $"{f}/*.parquet"), globs);
        var globbed = globs.SelectMany(g => Directory.GetFiles(Path.Combine(folder, Path.GetDirectoryName(g)!), "*.parquet"))
            .Select(p => Path.GetRelativePath(folder, p)).Order(StringComparer.Ordinal);
        Assert.Equal(files.Select(f => f.Path).Order(StringComparer.Ordinal), globbed);

        // Counts per source and kind, duplicates removed and rejects agree with the snapshot and the run.
        var docs = await h.DocumentsAsync(snapshot.Id);
        Assert.Equal(docs.GroupBy(d => d.Src).ToDictionary(g => g.Key, g => (long)g.Count()), Table(text, "Documents per source", 1, 3));
        Assert.Equal(2, Table(text, "Documents per source", 1, 3).Count);
        Assert.Equal(docs.GroupBy(d => $"{d.Src}/{d.Kind}").ToDictionary(g => g.Key, g => (long)g.Count()), Table(text, "Documents per source and kind", 2, 2));
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json"), Ct));
        var removed = manifest.RootElement.GetProperty("duplicates_removed").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.True(removed["exact"] >= 4);
        Assert.Equal(removed, Table(text, "Duplicates removed", 1, 1));
        var rejects = run.Stages.SelectMany(s => s.Counters.RejectsByReason).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        Assert.NotEmpty(rejects);
        Assert.Equal(rejects, Table(text, "Rejected by the run", 1, 1));
        Assert.Contains($"| snapshot | `{snapshot.Id}` |", text, StringComparison.Ordinal);
        Assert.Contains("| pipeline | cards |", text, StringComparison.Ordinal);
        Assert.Contains($"read_parquet('{globs[0]}')", text, StringComparison.Ordinal);
        Assert.DoesNotContain(files, f => f.Path == DatasetCard.FileName);
        Assert.Contains("| parent | none |", text, StringComparison.Ordinal);

        // The next snapshot's card names its parent and its own counts.
        await File.WriteAllTextAsync(Path.Combine(dir, "folk", "c.abc"), SharedTunes.Load(30)[^1], Ct);
        await h.RunAsync(Pipeline, dir);
        var next = await h.LatestAsync();
        var nextText = await File.ReadAllTextAsync(Path.Combine(h.Home.SnapshotsDir, next.Id, DatasetCard.FileName), Ct);
        Assert.Contains($"| parent | `{snapshot.Id}` |", nextText, StringComparison.Ordinal);
        Assert.Equal(snapshot.Documents + 1, Table(nextText, "Documents per source", 1, 3).Values.Sum());
    }

    [Fact]
    public void Sources_of_different_licences_give_other_with_each_source_named()
    {
        var facts = new DatasetCardFacts("s-0123456789ab", "s-ba9876543210", "nightly", "1.2.3", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            [
                new DatasetCardSource("folk", "folk", ["CC0-1.0"], new Dictionary<string, long> { ["abc"] = 1500 }),
                new DatasetCardSource("captions", "captions", ["CC-BY-4.0"], new Dictionary<string, long> { ["text"] = 700, ["chat"] = 30 }),
            ],
            new Dictionary<string, long> { ["exact"] = 12, ["near"] = 3, ["music"] = 5 },
            new Dictionary<string, long> { ["empty"] = 2 });
        var text = DatasetCard.Build(facts);
        var yaml = FrontMatter(text);
        Assert.Equal("other", Scalar(yaml, "license"));
        Assert.Equal("captions: CC-BY-4.0; folk: CC0-1.0", Scalar(yaml, "license_details"));
        Assert.Equal(["1K<n<10K"], Sequence(yaml, "size_categories"));
        Assert.Equal(new Dictionary<string, long> { ["captions"] = 730, ["folk"] = 1500 }, Table(text, "Documents per source", 1, 3));
        Assert.Equal(new Dictionary<string, long> { ["exact"] = 12, ["near"] = 3, ["music"] = 5 }, Table(text, "Duplicates removed", 1, 1));
        Assert.Equal(new Dictionary<string, long> { ["empty"] = 2 }, Table(text, "Rejected by the run", 1, 1));
        Assert.Contains("| parent | `s-ba9876543210` |", text, StringComparison.Ordinal);
        Assert.Contains("| created | 2026-01-02T03:04:05Z |", text, StringComparison.Ordinal);
        Assert.Equal(text, DatasetCard.Build(facts));

        var same = facts with { Sources = [facts.Sources[0], facts.Sources[1] with { Licences = ["cc0-1.0"] }] };
        Assert.Equal("cc0-1.0", Scalar(FrontMatter(DatasetCard.Build(same)), "license"));
        var unknown = facts with { Sources = [facts.Sources[0], facts.Sources[1] with { Licences = [] }] };
        Assert.Equal("other", Scalar(FrontMatter(DatasetCard.Build(unknown)), "license"));
    }

    [Theory]
    [InlineData(0, "n<1K")]
    [InlineData(999, "n<1K")]
    [InlineData(1_000, "1K<n<10K")]
    [InlineData(99_999, "10K<n<100K")]
    [InlineData(2_500_000, "1M<n<10M")]
    [InlineData(2_000_000_000_000, "n>1T")]
    public void Size_categories_follow_the_hub_buckets(long documents, string expected) =>
        Assert.Equal(expected, DatasetCard.SizeCategory(documents));

    private static YamlMappingNode FrontMatter(string card)
    {
        Assert.StartsWith("---\n", card, StringComparison.Ordinal);
        var end = card.IndexOf("\n---\n", 4, StringComparison.Ordinal);
        Assert.True(end > 0);
        var stream = new YamlStream();
        stream.Load(new StringReader(card[4..end]));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Scalar(YamlMappingNode map, string key) => ((YamlScalarNode)map.Children[new YamlScalarNode(key)]).Value!;

    private static List<string> Sequence(YamlMappingNode map, string key) =>
        ((YamlSequenceNode)map.Children[new YamlScalarNode(key)]).Children.Select(n => ((YamlScalarNode)n).Value!).ToList();

    /// <summary>The rows of the table under a <c>## heading</c>: the first <paramref name="keyCells"/> cells (joined by '/') to the number in column <paramref name="column"/>.</summary>
    private static Dictionary<string, long> Table(string card, string heading, int keyCells, int column)
    {
        var lines = card.Split('\n').SkipWhile(l => l != "## " + heading).Skip(1).SkipWhile(l => !l.StartsWith('|')).Skip(2).TakeWhile(l => l.StartsWith('|'));
        return lines.Select(l => l.Trim('|').Split(" | ").Select(c => c.Trim()).ToArray())
            .ToDictionary(c => string.Join("/", c.Take(keyCells)), c => long.Parse(c[column], CultureInfo.InvariantCulture));
    }
}
