using System.Diagnostics;
using System.Text.Json;
using Dapper;
using MusicPile.Ingest.Samples;
using Npgsql;

namespace MusicPile.Cli.Tests;

/// <summary>The pipeline killed with SIGKILL in the middle of its stages, then rerun, publishes the same snapshot.</summary>
public sealed class CrashResumeTests(ITestOutputHelper output)
{
    private const string Pipeline = """
        name: crash-test
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

    [Fact]
    public async Task Killed_twice_then_resumed_gives_the_snapshot_of_an_uninterrupted_run()
    {
        var sources = TestPaths.NewTempDir();
        SampleSources.Write(sources, tunes: 1600);
        var pipelineFile = Path.Combine(sources, "crash.yaml");
        await File.WriteAllTextAsync(pipelineFile, Pipeline);

        var cleanDb = await TestDatabase.CreateDatabaseAsync("crash_clean");
        var cleanHome = TestPaths.NewTempDir();
        var clean = await Cli.RunAsync("run", pipelineFile, "--home", cleanHome, "--db", cleanDb, "--json");
        Assert.True(clean.ExitCode == 0, clean.StdErr);
        var cleanSnapshot = await LatestSnapshotAsync(cleanDb);

        var db = await TestDatabase.CreateDatabaseAsync("crash_killed");
        var home = TestPaths.NewTempDir();
        var runDir = Path.Combine(home, "data", "runs", "1");
        await KillWhenAsync("ingest output being written", () => AnyFile(Path.Combine(runDir, "ingest"), "*.tmp") || AnyFile(Path.Combine(runDir, "ingest"), "part-*.parquet"),
            pipelineFile, home, db);
        await AssertDoneMeansOnDiskAsync(db);
        await KillWhenAsync("dedup started", () => Directory.Exists(Path.Combine(runDir, "dedup")), pipelineFile, home, db);
        await AssertDoneMeansOnDiskAsync(db);

        var resumed = await Cli.RunAsync("run", pipelineFile, "--home", home, "--db", db, "--json");
        Assert.True(resumed.ExitCode == 0, resumed.StdErr);
        using (var doc = JsonDocument.Parse(resumed.StdOut))
            Assert.True(doc.RootElement.GetProperty("resumed").GetBoolean());
        var snapshot = await LatestSnapshotAsync(db);
        output.WriteLine($"clean {cleanSnapshot.Id} {cleanSnapshot.Manifest}; resumed {snapshot.Id} {snapshot.Manifest}");
        Assert.Equal(cleanSnapshot, snapshot);
        await AssertDoneMeansOnDiskAsync(db);
        await using var ds = NpgsqlDataSource.Create(db);
        await using var conn = await ds.OpenConnectionAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>("SELECT count(*) - count(DISTINCT (run_id, doc_id)) FROM documents"));
    }

    private async Task KillWhenAsync(string what, Func<bool> condition, string pipelineFile, string home, string db)
    {
        using var p = Process.Start(Cli.StartInfo("run", pipelineFile, "--home", home, "--db", db))!;
        _ = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        var sw = Stopwatch.StartNew();
        while (!condition() && !p.HasExited && sw.Elapsed < TimeSpan.FromMinutes(2))
            await Task.Delay(20);
        Assert.False(p.HasExited, $"the run finished before '{what}'");
        p.Kill(entireProcessTree: true); // SIGKILL
        await p.WaitForExitAsync();
        output.WriteLine($"killed at '{what}' after {sw.Elapsed.TotalSeconds:F1}s");
    }

    private static bool AnyFile(string dir, string pattern) => Directory.Exists(dir) && Directory.EnumerateFiles(dir, pattern).Any();

    /// <summary>Every task marked done has its outputs on disk with the recorded size and checksum.</summary>
    private static async Task AssertDoneMeansOnDiskAsync(string db)
    {
        await using var ds = NpgsqlDataSource.Create(db);
        await using var conn = await ds.OpenConnectionAsync();
        var outputs = await conn.QueryAsync<(string Path, long Size, string Sha)>(
            "SELECT o.path, o.size_bytes, o.sha256 FROM task_outputs o JOIN tasks t USING (run_id, stage, rank) WHERE t.status = 'done'");
        foreach (var (path, size, sha) in outputs)
        {
            Assert.True(File.Exists(path), path);
            Assert.Equal(size, new FileInfo(path).Length);
            Assert.Equal(sha, await Core.Text.ContentHash.OfFileAsync(path, CancellationToken.None));
        }
        var doneWithoutOutputs = await conn.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM tasks t WHERE status = 'done' AND NOT EXISTS (SELECT 1 FROM task_outputs o WHERE o.run_id = t.run_id AND o.stage = t.stage AND o.rank = t.rank)");
        Assert.Equal(0, doneWithoutOutputs);
    }

    private static async Task<(string Id, string Manifest)> LatestSnapshotAsync(string db)
    {
        await using var ds = NpgsqlDataSource.Create(db);
        await using var conn = await ds.OpenConnectionAsync();
        return await conn.QuerySingleAsync<(string, string)>("SELECT id, manifest_sha256 FROM snapshots ORDER BY created_at DESC LIMIT 1");
    }
}
