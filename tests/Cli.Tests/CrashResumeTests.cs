using System.Diagnostics;
using System.Text.Json;
using Dapper;
using MusicPile.Samples;
using Npgsql;

namespace MusicPile.Cli.Tests;

/// <summary>The pipeline killed with SIGKILL in the middle of its stages, then rerun, publishes the same snapshot.</summary>
public sealed class CrashResumeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Killed_twice_then_resumed_gives_the_snapshot_of_an_uninterrupted_run()
    {
        var sources = TestPaths.NewTempDir();
        SampleSources.Write(sources, tunes: 1600);
        var pipelineFile = Path.Combine(sources, "crash.yaml");
        await File.WriteAllTextAsync(pipelineFile, CrashTestSupport.Pipeline);

        var cleanDb = await TestDatabase.CreateDatabaseAsync("crash_clean");
        var cleanHome = TestPaths.NewTempDir();
        var clean = await Cli.RunAsync("run", pipelineFile, "--home", cleanHome, "--db", cleanDb, "--json");
        Assert.True(clean.ExitCode == 0, clean.StdErr);
        var cleanSnapshot = await CrashTestSupport.LatestSnapshotAsync(cleanDb);

        var db = await TestDatabase.CreateDatabaseAsync("crash_killed");
        var home = TestPaths.NewTempDir();
        var runDir = Path.Combine(home, "data", "runs", "1");
        await KillWhenAsync("ingest output being written", () => AnyFile(Path.Combine(runDir, "ingest"), "*.tmp") || AnyFile(Path.Combine(runDir, "ingest"), "part-*.parquet"),
            pipelineFile, home, db);
        await CrashTestSupport.AssertDoneMeansOnDiskAsync(db);
        await KillWhenAsync("dedup started", () => Directory.Exists(Path.Combine(runDir, "dedup")), pipelineFile, home, db);
        await CrashTestSupport.AssertDoneMeansOnDiskAsync(db);

        var resumed = await Cli.RunAsync("run", pipelineFile, "--home", home, "--db", db, "--json");
        Assert.True(resumed.ExitCode == 0, resumed.StdErr);
        using (var doc = JsonDocument.Parse(resumed.StdOut))
            Assert.True(doc.RootElement.GetProperty("resumed").GetBoolean());
        var snapshot = await CrashTestSupport.LatestSnapshotAsync(db);
        output.WriteLine($"clean {cleanSnapshot}; resumed {snapshot}");
        Assert.NotNull(snapshot);
        Assert.Equal(cleanSnapshot, snapshot);
        await CrashTestSupport.AssertDoneMeansOnDiskAsync(db);
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
}
