using System.Diagnostics;
using MusicPile.Samples;

namespace MusicPile.Cli.Tests;

/// <summary>
/// The embedded PostgreSQL restarted while a run uses it: the run either carries on or fails cleanly (exit 1, one
/// line that says what happened), never marks work done that is not on disk, and a rerun finishes it.
/// </summary>
public sealed class DatabaseRestartCrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Restarting_the_database_mid_run_fails_cleanly_or_continues_and_a_rerun_finishes()
    {
        var sources = TestPaths.NewTempDir();
        SampleSources.Write(sources, tunes: 1200, seed: 5);
        var pipelineFile = Path.Combine(sources, "restart.yaml");
        await File.WriteAllTextAsync(pipelineFile, CrashTestSupport.Pipeline);
        var home = TestPaths.NewTempDir();
        var start = await Cli.RunAsync("db", "start", "--home", home, "--json");
        Assert.True(start.ExitCode == 0, start.StdErr);
        string connection;
        using (var doc = System.Text.Json.JsonDocument.Parse(start.StdOut))
            connection = doc.RootElement.GetProperty("connection").GetString()!;
        try
        {
            var p = Process.Start(Cli.StartInfo("run", pipelineFile, "--home", home))!;
            var stderrTask = p.StandardError.ReadToEndAsync();
            _ = p.StandardOutput.ReadToEndAsync();
            var normalizeDir = Path.Combine(home, "data", "runs", "1", "normalize");
            var sw = Stopwatch.StartNew();
            while (!Directory.Exists(normalizeDir) && !p.HasExited && sw.Elapsed < TimeSpan.FromMinutes(2))
                await Task.Delay(20);
            Assert.False(p.HasExited, "the run ended before the restart point");
            var stop = await Cli.RunAsync("db", "stop", "--home", home);
            Assert.True(stop.ExitCode == 0, stop.StdErr);
            var again = await Cli.RunAsync("db", "start", "--home", home);
            Assert.True(again.ExitCode == 0, again.StdErr);
            output.WriteLine($"restarted PostgreSQL at {sw.Elapsed.TotalSeconds:F1}s");
            await p.WaitForExitAsync();
            var stderr = await stderrTask;
            output.WriteLine($"run exited {p.ExitCode}: {stderr.Trim().Split('\n').LastOrDefault()}");
            Assert.Contains(p.ExitCode, new[] { 0, 1 });
            Assert.DoesNotContain("Unhandled exception", stderr);
            if (p.ExitCode == 1)
                Assert.Matches("musicpile: .*(database|connection|terminat|shut)", stderr);
            await CrashTestSupport.AssertDoneMeansOnDiskAsync(connection);

            var rerun = await Cli.RunAsync("run", pipelineFile, "--home", home, "--json");
            Assert.True(rerun.ExitCode == 0, rerun.StdErr);
            await CrashTestSupport.AssertDoneMeansOnDiskAsync(connection);
            Assert.NotNull(await CrashTestSupport.LatestSnapshotAsync(connection));
        }
        finally
        {
            await Cli.RunAsync("db", "stop", "--home", home);
        }
    }
}
