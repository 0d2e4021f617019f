using System.Diagnostics;

namespace MusicPile.Cli.Tests;

/// <summary>
/// The single-node Slurm of tests/slurm, started once per test process. When it cannot start, tests skip with the
/// reason (and fail under CI, see <see cref="Prerequisite"/>); <c>MUSICPILE_SKIP_SLURM</c> skips them on purpose.
/// </summary>
internal static class SlurmCluster
{
    private static readonly Lazy<Task<string?>> Started = new(StartAsync);

    /// <summary>Starts Slurm if needed, or skips (fails under CI) the test saying why it cannot.</summary>
    public static async Task RequireAsync()
    {
        Assert.SkipWhen(Environment.GetEnvironmentVariable("MUSICPILE_SKIP_SLURM") is { Length: > 0 }, "MUSICPILE_SKIP_SLURM is set");
        var problem = await Started.Value;
        Prerequisite.Require(problem is null, $"single-node Slurm is not available: {problem}");
    }

    private static async Task<string?> StartAsync()
    {
        if (!OperatingSystem.IsLinux())
            return "Slurm tests need Linux";
        var script = Path.Combine(TestPaths.RepoRoot, "tests", "slurm", "start-slurm.sh");
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await p.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            return "tests/slurm/start-slurm.sh did not finish in 5 minutes";
        }
        var output = ((await stdout) + (await stderr)).Trim();
        return p.ExitCode == 0 ? null : $"tests/slurm/start-slurm.sh exited {p.ExitCode}: {output}";
    }
}
