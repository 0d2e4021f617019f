using System.Diagnostics;
using System.Globalization;
using MusicPile.Core.Pipelines;

namespace MusicPile.Samples.Bench;

/// <summary>
/// Times each stage of a run (from the end of the previous stage, so planning counts) and its peak memory: the
/// kernel's resident high-water mark (<c>VmHWM</c>, reset between stages through <c>/proc/self/clear_refs</c>) where
/// Linux allows it, and the largest working set sampled every 50 ms in any case.
/// </summary>
public sealed class StageMeter : IProgress<RunEvent>, IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer _sampler;
    private readonly object _gate = new();
    private readonly Dictionary<string, (double Seconds, double PeakMb)> _stages = new(StringComparer.Ordinal);
    private TimeSpan _mark;
    private long _sampledPeak;
    private bool _hwmReset;

    public StageMeter()
    {
        _sampler = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));
        StartInterval();
    }

    public IReadOnlyDictionary<string, (double Seconds, double PeakMb)> Stages
    {
        get
        {
            lock (_gate)
                return new Dictionary<string, (double, double)>(_stages);
        }
    }

    /// <summary>The process's peak resident memory since it started, in MB.</summary>
    public static double ProcessPeakMb => Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;

    public void Report(RunEvent value)
    {
        switch (value.Kind)
        {
            case RunEventKind.RunStarted:
                StartInterval();
                break;
            case RunEventKind.StageDone:
                Sample();
                lock (_gate)
                {
                    var hwm = _hwmReset ? ReadHwmBytes() : 0;
                    var peak = Math.Max(hwm, _sampledPeak) / 1048576.0;
                    _stages[value.Stage] = ((_clock.Elapsed - _mark).TotalSeconds, peak);
                }
                StartInterval();
                break;
        }
    }

    private void StartInterval()
    {
        // Garbage of the stage before should not count against the next one.
        // Aggressive collection also gives freed memory back to the OS, so the next stage's peak starts low.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        lock (_gate)
        {
            _hwmReset = TryResetHwm();
            _sampledPeak = Environment.WorkingSet;
            _mark = _clock.Elapsed;
        }
    }

    private void Sample()
    {
        var now = Environment.WorkingSet;
        lock (_gate)
            _sampledPeak = Math.Max(_sampledPeak, now);
    }

    private static bool TryResetHwm()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    private static long ReadHwmBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    continue;
                var kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // No /proc: the sampled working set stands alone.
        }
        return 0;
    }

    public void Dispose() => _sampler.Dispose();
}
