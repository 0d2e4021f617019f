using System.Diagnostics;
using System.Text.Json;

namespace AbcBench;

/// <summary>abcjs <c>parseOnly</c> over the same tune texts in one Node process, timed inside Node.</summary>
internal static class AbcjsParser
{
    public static async Task<SpeedResult?> MeasureAsync(
        IReadOnlyList<string> texts, string nodeDir, string workDir, int passes, CancellationToken cancellationToken)
    {
        var script = Path.Combine(nodeDir, "parse-only.mjs");
        if (!Directory.Exists(Path.Combine(nodeDir, "node_modules", "abcjs")))
        {
            Console.Error.WriteLine($"abcjs: skipped, run `npm ci` in {nodeDir} first");
            return null;
        }
        var tunesPath = Path.Combine(workDir, "tunes.json");
        var resultPath = Path.Combine(workDir, "abcjs-result.json");
        await File.WriteAllTextAsync(tunesPath, JsonSerializer.Serialize(texts), cancellationToken);

        var start = new ProcessStartInfo("node", [script, tunesPath, resultPath, passes.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            WorkingDirectory = nodeDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await stdout;
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine($"abcjs: node exited {process.ExitCode}: {(await stderr).Trim()}");
            return null;
        }

        using var result = JsonDocument.Parse(await File.ReadAllTextAsync(resultPath, cancellationToken));
        var root = result.RootElement;
        var passSeconds = root.GetProperty("passMs").EnumerateArray().Select(e => e.GetDouble() / 1000).ToList();
        var median = Stats.Median(passSeconds);
        var note = $"parseOnly per tune text in one Node {root.GetProperty("node").GetString()} process, timed inside Node " +
                   $"(median of passes after a warm-up pass); {root.GetProperty("tunesWithWarnings").GetInt32()} tunes with warnings, " +
                   $"{root.GetProperty("failures").GetInt32()} exceptions";
        return new SpeedResult(
            $"abcjs {root.GetProperty("version").GetString()} parseOnly", texts.Count, median, passSeconds.Min(), passSeconds.Count, false, median, note);
    }
}
