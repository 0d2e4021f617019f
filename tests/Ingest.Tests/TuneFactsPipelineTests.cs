using System.Text.Json.Nodes;
using Dapper;
using MusicPile.Abc;
using MusicPile.Core.Parquet;
using MusicPile.Core.Pipelines;
using MusicPile.Core.Records;
using MusicPile.Dedup;

namespace MusicPile.Ingest.Tests;

/// <summary>
/// Normalize writes each tune's fingerprint and warnings into its meta; dedup reads them instead of parsing, and its
/// cleanest representative is chosen on the warnings of the normalised text.
/// </summary>
public sealed class TuneFactsPipelineTests(ITestOutputHelper output)
{
    private static string Pipeline(string sources) => $"""
        name: tune-facts
        sources:
        {sources}
        stages:
          - name: ingest
            type: ingest
            options:
              max_record_bytes: 4194304
          - name: normalize
            type: normalize
          - name: dedup
            type: dedup
            options:
              representative: cleanest
        """;

    [Fact]
    public async Task The_cleanest_representative_is_the_tune_with_fewest_warnings_after_normalisation()
    {
        var dir = TestPaths.NewTempDir();
        // The same melody twice. "plain" has two bars that do not fit the meter, which normalisation keeps. "messy" has
        // a bad X:, an unknown field and quoted text without a position prefix: more warnings as it comes in, none once
        // normalised (X:1, header rebuilt, the text repaired into an annotation).
        File.WriteAllText(Path.Combine(dir, "tunes.abc"), """
            X:2
            M:4/4
            L:1/8
            K:G
            GABc dedB cB|AG FGAB|G8|]

            X:messy
            Y:unknown
            M:4/4
            L:1/8
            K:G
            "Fine"GABc dedB|"Da capo"cBAG FGAB|G8|]

            """);
        await using var h = await PipelineHarness.CreateAsync("tune_facts_cleanest");
        var run = await h.RunAsync(Pipeline("  - { name: tunes, kind: abc, paths: [\"tunes.abc\"] }"), dir);

        var ingested = (await ReadAsync(run, "ingest")).ToDictionary(X);
        var normalized = (await ReadAsync(run, "normalize")).ToDictionary(X);
        long plain = ingested["2"].Id, messy = ingested["messy"].Id;
        int RawWarnings(string x) => (int)JsonNode.Parse(ingested[x].Meta)!["warnings"]!;
        output.WriteLine($"warnings as ingested: plain {RawWarnings("2")}, messy {RawWarnings("messy")}; after normalisation: " +
            $"plain {TuneFacts.Read(normalized["2"].Meta)!.Warnings}, messy {TuneFacts.Read(normalized["messy"].Meta)!.Warnings}");
        // Counted as they came in, the plain tune is the cleaner one; normalised, the messy one is.
        Assert.True(RawWarnings("messy") > RawWarnings("2"));
        Assert.True(TuneFacts.Read(normalized["messy"].Meta)!.Warnings < TuneFacts.Read(normalized["2"].Meta)!.Warnings);
        Assert.Equal(TuneFacts.Read(normalized["messy"].Meta)!.MelodyFingerprint, TuneFacts.Read(normalized["2"].Meta)!.MelodyFingerprint);

        var kept = await ReadAsync(run, "dedup");
        Assert.Equal(new[] { messy }, kept.Select(r => r.Id));
        var (clusters, _) = await CatalogResultAsync(h, run);
        var cluster = Assert.Single(clusters);
        Assert.Equal(("music", messy), (cluster.Method, cluster.Representative));
        Assert.Equal(new[] { plain, messy }.Order(), cluster.Members.Order());
    }

    [Fact]
    public async Task Dedup_of_the_shared_data_changes_only_where_the_warnings_after_normalisation_differ()
    {
        var datasets = TestPaths.RequireDatasets();
        await using var h = await PipelineHarness.CreateAsync("tune_facts_shared");
        var run = await h.RunAsync(Pipeline("""
              - { name: abc, kind: abc, paths: ["abc/nottingham", "abc/music21"] }
              - { name: text, kind: jsonl, paths: ["text/*/*.jsonl"] }
            """), datasets);

        var records = await ReadAsync(run, "normalize");
        var now = records.Select((r, i) => DedupDocument.Of(r, i)).ToList();
        var tunes = 0;
        var warningsDiffer = 0;
        var before = new List<DedupDocument>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            // What dedup built before the facts were kept: a parse of the text for the fingerprint, ingest's warnings.
            var old = now[i];
            if (r.Kind == CorpusRecord.Kinds.Abc)
            {
                tunes++;
                var tune = AbcDocument.ParseTune(r.Text)!;
                var facts = TuneFacts.Read(r.Meta);
                Assert.NotNull(facts);
                Assert.Equal(new TuneFacts(MelodyFingerprint.Compute(tune), AbcValidator.CountWarnings(AbcValidator.Validate(tune))), facts);
                var raw = (int)JsonNode.Parse(r.Meta)!["warnings"]!;
                old = old with { DiagnosticCount = raw };
                if (raw != facts.Warnings)
                    warningsDiffer++;
                // A shard written before the facts were kept gives the same document, by parsing.
                Assert.Equal(now[i], DedupDocument.Of(r with { Meta = WithoutFacts(r.Meta) }, i));
            }
            before.Add(old);
        }

        var options = new DedupOptions { Representative = RepresentativePolicy.Cleanest };
        var (afterResult, afterClusters) = await DeduplicateAsync(options, now);
        var (beforeResult, beforeClusters) = await DeduplicateAsync(options, before);

        // The stage did what the documents above give. It reads them in the pool's canonical order (source, file,
        // position), not the normalised shards' order, so representatives may break ties differently and the music and
        // near steps then see other survivors: the groups of exact duplicates do not depend on order.
        var (stageClusters, _) = await CatalogResultAsync(h, run);
        static IEnumerable<string> Groups(IEnumerable<(string Method, string Members)> clusters) =>
            clusters.Where(c => c.Method == "exact").Select(c => c.Method + ":" + c.Members).Order(StringComparer.Ordinal);
        Assert.Equal(Groups(afterClusters.Select(c => (c.Method.ToString().ToLowerInvariant(), Members(c)))),
            Groups(stageClusters.Select(c => (c.Method, string.Join(',', c.Members.Order())))));

        var beforeByMembers = beforeClusters.ToDictionary(c => (c.Method, Members(c)), c => c.Representative);
        var sameMembers = afterClusters.Where(c => beforeByMembers.ContainsKey((c.Method, Members(c)))).ToList();
        var changedRepresentatives = sameMembers.Count(c => beforeByMembers[(c.Method, Members(c))] != c.Representative);
        var keptChanged = afterResult.KeptIds.Except(beforeResult.KeptIds).Count();
        output.WriteLine($"{records.Count} records, {tunes} tunes, {warningsDiffer} with other warnings after normalisation; " +
            $"clusters before {beforeClusters.Count}, after {afterClusters.Count}, same members {sameMembers.Count}, representatives changed {changedRepresentatives}; " +
            $"kept {afterResult.KeptIds.Count} (before {beforeResult.KeptIds.Count}), {keptChanged} kept ids changed; " +
            $"removed exact/music/near {afterResult.RemovedExact}/{afterResult.RemovedMusic}/{afterResult.RemovedNear} (before {beforeResult.RemovedExact}/{beforeResult.RemovedMusic}/{beforeResult.RemovedNear})");

        // Exact clusters do not depend on the representative; equal fingerprints give as many music removals.
        Assert.Equal(beforeClusters.Where(c => c.Method == DedupMethod.Exact).Select(Members).Order(),
            afterClusters.Where(c => c.Method == DedupMethod.Exact).Select(Members).Order());
        Assert.Equal(beforeResult.RemovedExact, afterResult.RemovedExact);
        Assert.Equal(beforeResult.RemovedMusic, afterResult.RemovedMusic);
        // Each changed exact or music representative is the cleaner one after normalisation, where ingest's count said
        // otherwise. (Near clusters are grown from their representative, so their members follow it.)
        var warnings = now.ToDictionary(d => d.Id, d => d.DiagnosticCount);
        var raws = before.ToDictionary(d => d.Id, d => d.DiagnosticCount);
        foreach (var c in sameMembers.Where(c => c.Method != DedupMethod.Near && beforeByMembers[(c.Method, Members(c))] != c.Representative))
        {
            var was = beforeByMembers[(c.Method, Members(c))];
            Assert.True(warnings[c.Representative] <= warnings[was], $"cluster {c.ClusterId}");
            Assert.True(raws[was] <= raws[c.Representative], $"cluster {c.ClusterId}");
            Assert.True(warnings[c.Representative] != raws[c.Representative] || warnings[was] != raws[was], $"cluster {c.ClusterId}");
        }
    }

    private static string Members(DedupCluster c) => string.Join(',', c.Members.Order());


    private static string X(CorpusRecord r) => (string)JsonNode.Parse(r.Meta)!["x"]!;

    private static string WithoutFacts(string meta)
    {
        var o = JsonNode.Parse(meta)!.AsObject();
        Assert.True(o.Remove(TuneFacts.MelodyFingerprintKey) && o.Remove(TuneFacts.WarningsKey));
        return o.ToJsonString();
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

    private static async Task<(DedupResult, List<DedupCluster>)> DeduplicateAsync(DedupOptions options, List<DedupDocument> docs)
    {
        var clusters = new List<DedupCluster>();
        var result = await new Deduplicator(options).RunAsync(Stream(docs), TestPaths.NewTempDir(),
            (c, _) => { clusters.Add(c); return ValueTask.CompletedTask; }, ct: TestContext.Current.CancellationToken);
        return (result, clusters);
    }

    private static async IAsyncEnumerable<DedupDocument> Stream(List<DedupDocument> docs)
    {
        foreach (var d in docs)
        {
            await Task.Yield();
            yield return d;
        }
    }

    private static async Task<(List<(string Method, long Representative, long[] Members)> Clusters, List<long> Kept)> CatalogResultAsync(PipelineHarness h, RunResult run)
    {
        await using var conn = await h.Db.OpenConnectionAsync();
        var clusters = (await conn.QueryAsync<(string, long, long[])>(
            "SELECT method, representative, members FROM dedup_clusters WHERE run_id = @id", new { id = run.RunId })).ToList();
        var kept = (await conn.QueryAsync<long>("SELECT doc_id FROM documents WHERE run_id = @id AND status = 'kept'", new { id = run.RunId })).ToList();
        return (clusters, kept);
    }
}
