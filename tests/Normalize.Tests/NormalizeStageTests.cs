using System.Text.Json.Nodes;
using MusicPile.Abc;
using MusicPile.Core;
using MusicPile.Core.Parquet;
using MusicPile.Core.Pipelines;
using MusicPile.Core.Records;
using Npgsql;

namespace MusicPile.Normalize.Tests;

/// <summary>The normalize stage keeps with each tune what dedup needs of it, so dedup does not parse it again.</summary>
public sealed class NormalizeStageTests
{
    private const string Pipeline = """
        name: normalize-facts
        sources:
          - { name: tunes, kind: abc, paths: ["tunes.abc"] }
          - { name: texts, kind: jsonl, paths: ["texts.jsonl"] }
        stages:
          - { name: ingest, type: ingest }
          - { name: normalize, type: normalize, options: { transpose_keys: 2 } }
        """;

    [Fact]
    public async Task Each_tune_and_transposed_copy_carries_the_facts_of_its_own_text_beside_what_ingest_found()
    {
        var dir = TestPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "tunes.abc"),
            "X:1\nT:Reel\nM:4/4\nL:1/8\nK:D\n\"Fine\"DFAd fdAF|GBdg fdAF|\n\nX:2\nM:6/8\nL:1/8\nK:Em\nEFG BAG|FGA B3 c|\n");
        File.WriteAllText(Path.Combine(dir, "texts.jsonl"), "{\"text\":\"A reel is a folk dance in duple time, played fast by fiddlers.\"}\n");
        await using var db = NpgsqlDataSource.Create(await TestDatabase.CreateDatabaseAsync("normalize_facts"));
        var registry = new StageRegistry().Add("ingest", () => new Ingest.IngestStage()).Add("normalize", () => new NormalizeStage());
        var run = await new PipelineRunner(db, new MusicPileHome(TestPaths.NewTempDir()), registry)
            .RunAsync(PipelineDefinition.Parse(Pipeline, dir), new RunOptions { Workers = 1 }, null, CancellationToken.None);

        var ingested = (await ReadAsync(run, "ingest")).ToDictionary(r => r.Id);
        var normalized = await ReadAsync(run, "normalize");
        var tunes = normalized.Where(r => r.Kind == CorpusRecord.Kinds.Abc).ToList();
        Assert.Equal(2 * 3, tunes.Count);
        foreach (var r in tunes)
        {
            var tune = AbcDocument.ParseTune(r.Text)!;
            Assert.Equal(new TuneFacts(MelodyFingerprint.Compute(tune), AbcValidator.CountWarnings(AbcValidator.Validate(tune))), TuneFacts.Read(r.Meta));
            var meta = JsonNode.Parse(r.Meta)!.AsObject();
            var copyOf = ingested.TryGetValue(r.Id, out var original) ? original : ingested.Values.Single(o => (string)meta["x"]! == (string)JsonNode.Parse(o.Meta)!["x"]!);
            // Ingest's keys stay as they were, with their own meaning: the text as it came in.
            foreach (var (key, value) in JsonNode.Parse(copyOf.Meta)!.AsObject())
                Assert.True(JsonNode.DeepEquals(value, meta[key]), key);
            Assert.Equal(original is null, meta.ContainsKey(NormalizeStage.TransposedKey));
        }
        // A copy has the melody of its original: the same fingerprint.
        Assert.Equal(2, tunes.Select(r => TuneFacts.Read(r.Meta)!.MelodyFingerprint).Distinct().Count());
        // The quoted text is repaired into an annotation: ingest counted a warning that the normalised text has not.
        var reel = tunes.Single(r => r.Id == ingested.Values.Single(o => o.Text.Contains("T:Reel", StringComparison.Ordinal)).Id);
        Assert.True((int)JsonNode.Parse(reel.Meta)!["warnings"]! > TuneFacts.Read(reel.Meta)!.Warnings);
        var text = Assert.Single(normalized, r => r.Kind == CorpusRecord.Kinds.Text);
        Assert.Null(TuneFacts.Read(text.Meta));
    }

    private static async Task<List<CorpusRecord>> ReadAsync(RunResult run, string stage)
    {
        var records = new List<CorpusRecord>();
        foreach (var o in run.Stage(stage)!.Outputs.Where(o => o.Role == TaskOutputFile.Roles.Data))
        {
            await foreach (var r in CorpusShardReader.ReadAsync(o.Path, CancellationToken.None))
                records.Add(r);
        }
        return records;
    }
}
