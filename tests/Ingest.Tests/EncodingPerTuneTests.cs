using System.Text;
using MusicPile.Core.Parquet;
using MusicPile.Core.Records;

namespace MusicPile.Ingest.Tests;

/// <summary>Encoding repairs are decided tune by tune: a file's one mojibake tune does not label or rewrite the rest.</summary>
public sealed class EncodingPerTuneTests
{
    private const string Pipeline = """
        name: encodings
        sources:
          - { name: s, kind: abc, paths: ["*.abc"] }
        stages:
          - name: ingest
            type: ingest
            options: { incremental: false }
        """;

    private static async Task<Dictionary<string, CorpusRecord>> IngestAsync(string name, byte[] file)
    {
        var dir = TestPaths.NewTempDir();
        await File.WriteAllBytesAsync(Path.Combine(dir, "mixed.abc"), file);
        await using var h = await PipelineHarness.CreateAsync(name);
        var result = await h.RunAsync(Pipeline, dir, workers: 1);
        var records = new List<CorpusRecord>();
        foreach (var o in result.Stage("ingest")!.Outputs.Where(o => o.Role == "data"))
        {
            await foreach (var r in CorpusShardReader.ReadAsync(o.Path, CancellationToken.None))
                records.Add(r);
        }
        return records.ToDictionary(r => r.Text.Split('\n')[1], r => r);
    }

    private static string? RepairedFrom(CorpusRecord r) =>
        System.Text.Json.Nodes.JsonNode.Parse(r.Meta)!["repaired_from"]?.GetValue<string>();

    [Fact]
    public async Task A_utf8_file_with_one_mojibake_tune_repairs_and_counts_only_that_tune()
    {
        // Three tunes in one valid UTF-8 file: plain ASCII, a correct é, and é written as UTF-8 read as latin-1 (Ã©).
        var text = "X:1\nT:Plain Reel\nM:4/4\nL:1/8\nK:D\nABcd efga|]\n\n"
            + "X:2\nT:Valse \u00e9t\u00e9\nM:3/4\nL:1/4\nK:G\nGAB|]\n\n"
            + "X:3\nT:Gigue d'\u00c3\u00a9t\u00c3\u00a9\nM:6/8\nL:1/8\nK:A\nABc def|]\n";
        var byTitle = await IngestAsync("encoding_mixed_utf8", Encoding.UTF8.GetBytes(text));

        Assert.Null(RepairedFrom(byTitle["T:Plain Reel"]));
        Assert.Null(RepairedFrom(byTitle["T:Valse \u00e9t\u00e9"]));
        var fixedTune = byTitle["T:Gigue d'\u00e9t\u00e9"];
        Assert.Equal("utf8-as-latin1", RepairedFrom(fixedTune));
        Assert.DoesNotContain("\u00c3", fixedTune.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cp1252_file_labels_only_the_tunes_with_non_ascii_text()
    {
        var cp1252 = Encoding.Latin1.GetBytes("X:1\nT:Plain Jig\nM:6/8\nL:1/8\nK:D\nABc def|]\n\n"
            + "X:2\nT:Caf\u00e9 Polka\nM:2/4\nL:1/8\nK:G\nGABc|]\n");
        var byTitle = await IngestAsync("encoding_cp1252", cp1252);

        Assert.Null(RepairedFrom(byTitle["T:Plain Jig"]));
        Assert.Equal("cp1252", RepairedFrom(byTitle["T:Caf\u00e9 Polka"]));
    }
}
