using System.Diagnostics;
using Dapper;
using Npgsql;

namespace MusicPile.Cli.Tests;

/// <summary>What the crash tests share: the pipeline, and the checks that done work is on disk and snapshots agree.</summary>
internal static class CrashTestSupport
{
    public const string Pipeline = """
        name: crash-points
        sources:
          - name: tunes
            kind: abc
            paths: ["abc/*.abc"]
          - name: text
            kind: jsonl
            paths: ["text/*.jsonl", "text/*.jsonl.gz"]
        stages:
          - name: ingest
            type: ingest
          - name: normalize
            type: normalize
          - name: dedup
            type: dedup
          - name: publish
            type: publish
        """;

    /// <summary>Every task marked done has its outputs on disk with the recorded size and checksum, and has outputs at all.</summary>
    public static async Task AssertDoneMeansOnDiskAsync(string db)
    {
        await using var ds = NpgsqlDataSource.Create(db);
        await using var conn = await ds.OpenConnectionAsync();
        var outputs = await conn.QueryAsync<(string Path, long Size, string Sha)>(
            "SELECT o.path, o.size_bytes, o.sha256 FROM task_outputs o JOIN tasks t USING (run_id, stage, rank) WHERE t.status = 'done'");
        foreach (var (path, size, sha) in outputs)
        {
            Assert.True(File.Exists(path), $"done task output missing: {path}");
            Assert.Equal(size, new FileInfo(path).Length);
            Assert.Equal(sha, await Core.Text.ContentHash.OfFileAsync(path, CancellationToken.None));
        }
        var doneWithoutOutputs = await conn.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM tasks t WHERE status = 'done' AND NOT EXISTS (SELECT 1 FROM task_outputs o WHERE o.run_id = t.run_id AND o.stage = t.stage AND o.rank = t.rank)");
        Assert.Equal(0, doneWithoutOutputs);
    }

    public static async Task<(string Id, string Manifest)?> LatestSnapshotAsync(string db)
    {
        await using var ds = NpgsqlDataSource.Create(db);
        await using var conn = await ds.OpenConnectionAsync();
        var rows = await conn.QueryAsync<(string, string)>("SELECT id, manifest_sha256 FROM snapshots ORDER BY created_at DESC LIMIT 1");
        return rows.Cast<(string, string)?>().FirstOrDefault();
    }

    /// <summary>The stage the run was in: the last stage with tasks planned, and how many of its tasks were done.</summary>
    public static async Task<string> StageInProgressAsync(string db)
    {
        await using var ds = NpgsqlDataSource.Create(db);
        await using var conn = await ds.OpenConnectionAsync();
        var row = await conn.QueryFirstOrDefaultAsync<(string Stage, long Done, long Total)?>(
            """
            SELECT stage, count(*) FILTER (WHERE status = 'done'), count(*) FROM tasks
            WHERE run_id = (SELECT max(id) FROM runs) GROUP BY stage, stage_index ORDER BY stage_index DESC LIMIT 1
            """);
        return row is { } r ? $"{r.Stage} ({r.Done}/{r.Total} tasks done)" : "planning ingest";
    }

    /// <summary>Starts the program; the caller kills it or waits for it.</summary>
    public static Process Start(params string[] args)
    {
        var p = Process.Start(Cli.StartInfo(args))!;
        _ = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        return p;
    }
}
