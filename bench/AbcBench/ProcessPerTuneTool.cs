using System.Diagnostics;
using System.Text;

namespace AbcBench;

/// <summary>A command-line checker run once per tune file (abc2midi -c, abcm2ps), timed on an even sample and scaled to the corpus.</summary>
internal sealed record ProcessPerTuneTool(string Name, string Executable, Func<string, string[]> Arguments)
{
    public static ProcessPerTuneTool Abc2Midi { get; } = new("abc2midi -c", "abc2midi", file => [file, "-c"]);

    public static ProcessPerTuneTool Abcm2ps { get; } = new("abcm2ps -q -O /dev/null", "abcm2ps", file => ["-q", "-O", "/dev/null", file]);

    public string? Version()
    {
        var path = FindOnPath(Executable);
        if (path is null)
            return null;
        try
        {
            var start = new ProcessStartInfo(path, Executable == "abcm2ps" ? ["-V"] : ["-ver"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
            return line.Length > 60 ? line[..60] : line;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    public async Task<SpeedResult?> MeasureAsync(
        IReadOnlyList<string> texts, int sampleSize, string workDir, CancellationToken cancellationToken)
    {
        var version = Version();
        if (version is null)
        {
            Console.Error.WriteLine($"{Name}: skipped, {Executable} not on PATH");
            return null;
        }
        var sample = EvenSample(texts.Count, sampleSize);
        var dir = Directory.CreateDirectory(Path.Combine(workDir, Executable)).FullName;
        var files = new List<string>(sample.Count);
        foreach (var i in sample)
        {
            var file = Path.Combine(dir, $"tune{i:D5}.abc");
            await File.WriteAllTextAsync(file, texts[i], new UTF8Encoding(false), cancellationToken);
            files.Add(file);
        }

        await RunAsync(files[0], dir, cancellationToken);
        var watch = Stopwatch.StartNew();
        foreach (var file in files)
            await RunAsync(file, dir, cancellationToken);
        var seconds = watch.Elapsed.TotalSeconds;
        var corpusSeconds = seconds * texts.Count / sample.Count;
        return new SpeedResult(
            $"{Name} ({version})", sample.Count, seconds, seconds, 1, sample.Count < texts.Count, corpusSeconds,
            $"one process per tune, sequential, on every {(double)texts.Count / sample.Count:F1}th tune ({sample.Count} tunes); " +
            $"corpus time extrapolated as {corpusSeconds:F1} s for {texts.Count} tunes");
    }

    private async Task RunAsync(string file, string dir, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Executable, Arguments(file))
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Executable}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await Task.WhenAll(stdout, stderr);
    }

    internal static List<int> EvenSample(int count, int size)
    {
        if (size >= count)
            return [.. Enumerable.Range(0, count)];
        return [.. Enumerable.Range(0, size).Select(k => (int)((long)k * count / size))];
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);
}
