using Dapper;

namespace MusicPile.Ingest.Tests;

/// <summary>The real collections: every tune and every text record is kept or rejected, and reruns add nothing.</summary>
public sealed class SharedDataTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_shared_tune_and_text_record_is_accounted_for_and_a_rerun_adds_nothing()
    {
        var datasets = TestPaths.RequireDatasets();
        var yaml = """
            name: shared
            sources:
              - name: abc
                kind: abc
                paths: ["abc/nottingham", "abc/music21"]
              - name: text
                kind: jsonl
                paths: ["text/*/*.jsonl"]
            stages:
              - name: ingest
                type: ingest
                options:
                  max_record_bytes: 4194304
            """;
        await using var h = await PipelineHarness.CreateAsync("shared_data");
        var run = await h.RunAsync(yaml, datasets);
        var ingest = run.Stage("ingest")!;
        await using var conn = await h.Db.OpenConnectionAsync();
        var rejects = (await conn.QueryAsync<(string Source, string Reason, long N)>(
            "SELECT source, reason, count(*) FROM rejects WHERE run_id = @id GROUP BY 1, 2", new { id = run.RunId })).ToList();
        output.WriteLine($"in {ingest.Counters.RecordsIn}, kept {ingest.Counters.Kept}, rejected {ingest.Counters.Rejected}: " +
            string.Join(", ", rejects.Select(r => $"{r.Source}/{r.Reason} {r.N}")));
        foreach (var (k, v) in ingest.Counters.Extra.OrderBy(kv => kv.Key))
            output.WriteLine($"  {k}: {v}");

        // 13,009 tunes (split at X: in file order, as the baseline counts them) and 5,921 text documents.
        Assert.Equal(13_009 + 5_921, ingest.Counters.RecordsIn);
        Assert.Equal(ingest.Counters.RecordsIn, ingest.Counters.Kept + ingest.Counters.Rejected);
        Assert.Equal(ingest.Counters.Rejected, rejects.Sum(r => r.N));
        Assert.Equal(13_009, ingest.Counters.Extra["kind:abc"] + rejects.Where(r => r.Source == "abc").Sum(r => r.N));

        var rerun = await h.RunAsync(yaml, datasets);
        Assert.Equal(0, rerun.Stage("ingest")!.Counters.RecordsIn);
        Assert.Equal(ingest.Counters.Extra["files"], rerun.Stage("ingest")!.Counters.Extra["files_unchanged"]);
    }
}
