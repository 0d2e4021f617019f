using System.Diagnostics;
using MusicPile.Samples;

namespace MusicPile.Cli.Tests;

/// <summary>
/// The pipeline killed with SIGKILL at 20 points drawn from a seeded generator over the length of a clean run (so the
/// kills land in every stage), resumed each time, publishes the snapshot of the uninterrupted run.
/// </summary>
public sealed class KillCrashTests(ITestOutputHelper output)
{
    private const int Kills = 20;

    [Fact]
    public async Task Twenty_kills_at_random_points_then_resume_give_the_uninterrupted_snapshot()
    {
        var sources = TestPaths.NewTempDir();
        SampleSources.Write(sources, tunes: 1200, seed: 11);
        var pipelineFile = Path.Combine(sources, "crash.yaml");
        await File.WriteAllTextAsync(pipelineFile, CrashTestSupport.Pipeline);

        var cleanDb = await TestDatabase.CreateDatabaseAsync("kills_clean");
        var sw = Stopwatch.StartNew();
        var clean = await Cli.RunAsync("run", pipelineFile, "--home", TestPaths.NewTempDir(), "--db", cleanDb);
        var cleanSeconds = sw.Elapsed.TotalSeconds;
        Assert.True(clean.ExitCode == 0, clean.StdErr);
        var expected = await CrashTestSupport.LatestSnapshotAsync(cleanDb);
        Assert.NotNull(expected);
        output.WriteLine($"clean run {cleanSeconds:F1}s, snapshot {expected.Value.Id}");

        var rng = new Random(20240901);
        var (db, home) = await NewSeriesAsync();
        var kills = 0;
        var series = 1;
        var finishedBeforeKill = 0;
        var fresh = true;
        var horizon = cleanSeconds;
        while (kills < Kills)
        {
            var at = TimeSpan.FromSeconds(0.3 + rng.NextDouble() * Math.Max(0.2, horizon - 0.3));
            var started = Stopwatch.StartNew();
            using var p = CrashTestSupport.Start("run", pipelineFile, "--home", home, "--db", db);
            var exited = await WaitForExitAsync(p, at);
            if (exited)
            {
                // A whole uninterrupted run was shorter than the clean one (which ran beside other tests): aim kills within it.
                if (fresh)
                    horizon = Math.Min(horizon, started.Elapsed.TotalSeconds);
                // The rest of the run took less than this kill's delay: the series ended, check it, start another.
                Assert.True(p.ExitCode == 0, $"run exited {p.ExitCode} in series {series}");
                Assert.Equal(expected, await CrashTestSupport.LatestSnapshotAsync(db));
                await CrashTestSupport.AssertDoneMeansOnDiskAsync(db);
                finishedBeforeKill++;
                (db, home) = await NewSeriesAsync();
                series++;
                fresh = true;
                continue;
            }
            fresh = false;
            var stage = await CrashTestSupport.StageInProgressAsync(db);
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
            kills++;
            output.WriteLine($"kill {kills} (series {series}) at {at.TotalSeconds:F2}s during {stage}");
            await CrashTestSupport.AssertDoneMeansOnDiskAsync(db);
        }
        var final = await Cli.RunAsync("run", pipelineFile, "--home", home, "--db", db);
        Assert.True(final.ExitCode == 0, final.StdErr);
        Assert.Equal(expected, await CrashTestSupport.LatestSnapshotAsync(db));
        await CrashTestSupport.AssertDoneMeansOnDiskAsync(db);
        output.WriteLine($"{kills} kills over {series} series ({finishedBeforeKill} runs finished before their kill time)");
    }

    private static async Task<(string Db, string Home)> NewSeriesAsync() =>
        (await TestDatabase.CreateDatabaseAsync("kills"), TestPaths.NewTempDir());

    private static async Task<bool> WaitForExitAsync(Process p, TimeSpan delay)
    {
        using var cts = new CancellationTokenSource(delay);
        try
        {
            await p.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
