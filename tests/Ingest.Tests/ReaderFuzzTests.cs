using Dapper;
using MusicPile.Core.Parquet;
using MusicPile.Core.Records;
using MusicPile.Core.Text;

namespace MusicPile.Ingest.Tests;

/// <summary>
/// Every reader fed broken input through the real ingest stage: random bytes, truncated and corrupted gzip and
/// Parquet, lines over the limit, deep JSON nesting, invalid UTF-8 and empty files. The run succeeds, every record
/// read is kept or rejected, and every reject carries a reason and a position.
/// </summary>
public sealed class ReaderFuzzTests
{
    private const int CasesPerKind = 60;

    private const string Pipeline = """
        name: fuzz
        sources:
          - { name: abc, kind: abc, paths: ["abc"] }
          - { name: jsonl, kind: jsonl, paths: ["jsonl"] }
          - { name: parquet, kind: parquet, paths: ["parquet"] }
          - { name: text, kind: text, paths: ["text"] }
        stages:
          - name: ingest
            type: ingest
            options: { max_record_bytes: 4096, max_file_bytes: 65536 }
        """;

    private static readonly HashSet<string> KnownReasons =
    [
        "abc-missing-key", "abc-empty-body", "invalid-utf8", "invalid-json", "missing-field", "binary-file", "empty",
        "too-large", "truncated-gzip", "corrupt-parquet", "no-tunes",
    ];

    [Theory]
    [InlineData(101)]
    [InlineData(202)]
    public async Task Broken_inputs_never_crash_the_stage_and_every_record_is_accounted_for(int seed)
    {
        var dir = TestPaths.NewTempDir();
        var files = await FuzzCorpus.WriteAsync(dir, seed, CasesPerKind);
        await using var h = await PipelineHarness.CreateAsync("fuzz");
        var result = await h.RunAsync(Pipeline, dir);
        var ingest = result.Stage("ingest")!;

        var kept = new List<CorpusRecord>();
        foreach (var o in ingest.Outputs.Where(o => o.Role == "data"))
            await foreach (var r in CorpusShardReader.ReadAsync(o.Path, CancellationToken.None))
                kept.Add(r);
        await using var conn = await h.Db.OpenConnectionAsync();
        var rejects = (await conn.QueryAsync<(string Source, string Uri, string Position, string Reason)>(
            "SELECT source, source_uri, position, reason FROM rejects WHERE run_id = @id", new { id = result.RunId })).ToList();

        Assert.Equal(ingest.Counters.RecordsIn, ingest.Counters.Kept + ingest.Counters.Rejected);
        Assert.Equal(ingest.Counters.Kept, kept.Count);
        Assert.Equal(ingest.Counters.Rejected, rejects.Count);
        Assert.All(rejects, r =>
        {
            Assert.Contains(r.Reason, KnownReasons);
            Assert.False(string.IsNullOrWhiteSpace(r.Position), $"{r.Uri}: reject {r.Reason} without a position");
        });
        // Per source: what each source's files gave is all in its kept rows and its rejects.
        foreach (var source in new[] { "abc", "jsonl", "parquet", "text" })
        {
            var keptHere = kept.Count(k => k.Src == source);
            var rejectedHere = rejects.Count(r => r.Source == source);
            Assert.True(keptHere + rejectedHere > 0, $"source {source} gave no records at all");
        }
        // Every file that is not empty shows up, kept or rejected; nothing is reported for files that were not read.
        var seen = kept.Select(k => k.SourceUri.Split('#')[0]).Concat(rejects.Select(r => r.Uri)).ToHashSet(StringComparer.Ordinal);
        foreach (var f in files.Where(f => new FileInfo(f).Length > 0))
            Assert.Contains(f, seen);
        Assert.All(seen, s => Assert.Contains(s, files));
        Assert.Equal(kept.Count, kept.Select(k => k.Id).Distinct().Count());
        Assert.All(kept, k => Assert.Equal(ContentHash.Of(k.Text), k.Sha256));
    }
}
