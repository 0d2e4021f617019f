using System.Diagnostics;
using MusicPile.Abc;

namespace AbcBench;

/// <summary>MusicPile parse plus validate of every tune text, one thread, warm-up pass then timed passes.</summary>
internal static class OurParser
{
    /// <summary>Per tune: any bar-duration warning, any fatal diagnostic, tunes the text parsed to.</summary>
    public sealed record Verdict(bool BarDuration, bool Fatal, int Tunes);

    public static (SpeedResult Speed, Verdict[] Verdicts) Measure(IReadOnlyList<string> texts, int passes)
    {
        var verdicts = new Verdict[texts.Count];
        for (var i = 0; i < texts.Count; i++)
            verdicts[i] = Check(texts[i]);

        var seconds = new List<double>(passes);
        long sink = 0;
        for (var p = 0; p < passes; p++)
        {
            var watch = Stopwatch.StartNew();
            foreach (var text in texts)
            {
                foreach (var tune in AbcDocument.Parse(text).Tunes)
                    sink += AbcValidator.Validate(tune).Count;
            }
            seconds.Add(watch.Elapsed.TotalSeconds);
        }
        GC.KeepAlive(sink);
        var median = Stats.Median(seconds);
        var speed = new SpeedResult(
            $"MusicPile.Abc (.NET {Environment.Version}, 1 thread)", texts.Count, median, seconds.Min(), passes, false, median,
            "AbcDocument.Parse + AbcValidator.Validate per tune text; median of timed passes after a warm-up pass");
        return (speed, verdicts);
    }

    private static Verdict Check(string text)
    {
        var tunes = AbcDocument.Parse(text).Tunes;
        bool bar = false, fatal = false;
        foreach (var tune in tunes)
        {
            var diagnostics = AbcValidator.Validate(tune);
            bar |= diagnostics.Any(d => d.Code == "bar-duration");
            fatal |= AbcValidator.IsFatal(diagnostics);
        }
        return new Verdict(bar, fatal, tunes.Count);
    }
}
