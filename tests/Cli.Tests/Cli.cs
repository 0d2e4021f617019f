using System.Diagnostics;

namespace MusicPile.Cli.Tests;

/// <summary>Runs the real musicpile program in a child process.</summary>
internal static class Cli
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "musicpile.dll");

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        psi.Environment.Remove("MUSICPILE_DB");
        psi.Environment.Remove("MUSICPILE_HOME");
        return psi;
    }

    public static async Task<Result> RunAsync(params string[] args)
    {
        using var p = Process.Start(StartInfo(args))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await p.WaitForExitAsync(timeout.Token);
        return new Result(p.ExitCode, await stdout, await stderr);
    }
}
