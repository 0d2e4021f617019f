using MusicPile.Core.Pipelines;

namespace MusicPile.Samples.Bench;

/// <summary>One stage's throughput and memory in a benchmark run.</summary>
public sealed record StageFigures(string Name, long RecordsIn, long Kept, double Seconds, double MbIn, double RecordsPerSecond, double MbPerSecond, double PeakMemoryMb)
{
    /// <summary>
    /// Figures for each stage of a run: records in and bytes in over the stage's wall time. Bytes in are the stage's own
    /// count where it keeps one (ingest: source bytes), else the size of the previous stage's data files.
    /// </summary>
    public static IReadOnlyList<StageFigures> Of(RunResult run, StageMeter meter)
    {
        var figures = new List<StageFigures>();
        var measured = meter.Stages;
        long previousBytes = 0;
        foreach (var s in run.Stages)
        {
            var (seconds, peak) = measured.TryGetValue(s.Name, out var m) ? m : (0, 0);
            var bytesIn = s.Counters.BytesIn > 0 ? s.Counters.BytesIn : previousBytes;
            var mb = bytesIn / 1048576.0;
            var rps = seconds > 0 ? s.Counters.RecordsIn / seconds : 0;
            figures.Add(new StageFigures(s.Name, s.Counters.RecordsIn, s.Counters.Kept, Math.Round(seconds, 3), Math.Round(mb, 2),
                Math.Round(rps, 1), Math.Round(seconds > 0 ? mb / seconds : 0, 2), Math.Round(peak, 1)));
            previousBytes = s.Outputs.Where(o => o.Role == TaskOutputFile.Roles.Data).Sum(o => o.SizeBytes);
        }
        return figures;
    }
}
