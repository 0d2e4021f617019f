using System.Globalization;
using MusicPile.Samples;

namespace MusicPile.NightlyBench;

/// <summary>The bench's command line: corpus size, share of files a night changes, documents per file, folders.</summary>
internal sealed record BenchOptions(CorpusSize Size, double ChangePercent, int PerFile, string Datasets, string Home)
{
    public static BenchOptions Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var datasets = Get("--datasets", Environment.GetEnvironmentVariable("MUSICPILE_DATASETS") ?? Path.Combine(Environment.CurrentDirectory, "..", "shared", "datasets"));
        return new BenchOptions(CorpusSize.Parse(Get("--size", "1x")), double.Parse(Get("--change", "1"), CultureInfo.InvariantCulture),
            int.Parse(Get("--per-file", "100"), CultureInfo.InvariantCulture), Path.GetFullPath(datasets),
            Path.GetFullPath(Get("--home", Path.Combine(Path.GetTempPath(), "musicpile-nightly-bench"))));
    }
}
