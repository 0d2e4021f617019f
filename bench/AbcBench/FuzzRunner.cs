using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace AbcBench;

/// <summary>
/// Runs fuzz cases on worker threads under a watchdog. A case past the hang limit is recorded and its thread abandoned
/// (a running .NET thread cannot be stopped safely); a fresh worker carries on with the next cases.
/// </summary>
internal sealed class FuzzRunner(FuzzCaseGenerator generator, int cases, int workers, TimeSpan hangLimit)
{
    private const int MaxHangs = 8;

    private sealed class Slot
    {
        public int Case = -1;
        public long StartTicks;
        public string Kind = "";
        public int Length;
        public volatile bool Abandoned;
    }

    private readonly ConcurrentBag<FuzzFinding> _exceptions = [];
    private readonly ConcurrentBag<FuzzFinding> _slow = [];
    private readonly ConcurrentDictionary<string, int> _kinds = new(StringComparer.Ordinal);
    private readonly Lock _slowestLock = new();
    private FuzzFinding? _slowest;
    private int _next = -1;
    private int _done;
    private long _tunes;

    public FuzzReport Run(int seed, Action<int>? progress = null)
    {
        var hangs = new List<FuzzFinding>();
        var watch = Stopwatch.StartNew();
        var slots = new List<(Slot Slot, Thread Thread)>();
        for (var w = 0; w < workers; w++)
            slots.Add(Start());

        while (slots.Any(s => !s.Slot.Abandoned && s.Thread.IsAlive))
        {
            Thread.Sleep(50);
            progress?.Invoke(Volatile.Read(ref _done));
            for (var i = 0; i < slots.Count; i++)
            {
                var slot = slots[i].Slot;
                var current = Volatile.Read(ref slot.Case);
                if (current < 0 || !slots[i].Thread.IsAlive)
                    continue;
                var elapsed = Stopwatch.GetElapsedTime(Volatile.Read(ref slot.StartTicks));
                if (elapsed < hangLimit || Volatile.Read(ref slot.Case) != current)
                    continue;
                slot.Abandoned = true;
                hangs.Add(new FuzzFinding(current, slot.Kind, slot.Length, elapsed.TotalMilliseconds));
                Interlocked.Increment(ref _done);
                if (hangs.Count >= MaxHangs)
                {
                    Interlocked.Exchange(ref _next, cases);
                    continue;
                }
                slots[i] = Start();
            }
        }
        watch.Stop();

        return new FuzzReport(
            seed, Volatile.Read(ref _done), watch.Elapsed.TotalSeconds, Interlocked.Read(ref _tunes),
            new SortedDictionary<string, int>(_kinds, StringComparer.Ordinal),
            [.. _exceptions.OrderBy(f => f.Case)], hangs, [.. _slow.OrderBy(f => f.Case)], _slowest,
            hangLimit.TotalSeconds, workers);
    }

    private (Slot, Thread) Start()
    {
        var slot = new Slot();
        var thread = new Thread(() => Work(slot)) { IsBackground = true, Name = "fuzz" };
        thread.Start();
        return (slot, thread);
    }

    private void Work(Slot slot)
    {
        var stage = new StrongBox<string>("generate");
        while (!slot.Abandoned)
        {
            var number = Interlocked.Increment(ref _next);
            if (number >= cases)
                return;
            var fuzzCase = generator.Create(number);
            slot.Kind = fuzzCase.Kind;
            slot.Length = fuzzCase.Text.Length;
            Volatile.Write(ref slot.StartTicks, Stopwatch.GetTimestamp());
            Volatile.Write(ref slot.Case, number);
            try
            {
                Interlocked.Add(ref _tunes, FuzzPipeline.Run(fuzzCase, stage));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                var where = e.StackTrace?.Split('\n', StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
                _exceptions.Add(new FuzzFinding(number, fuzzCase.Kind, fuzzCase.Text.Length, 0, stage.Value, $"{e.GetType().Name}: {e.Message}", where));
            }
            var ms = Stopwatch.GetElapsedTime(slot.StartTicks).TotalMilliseconds;
            if (slot.Abandoned)
                return;
            Volatile.Write(ref slot.Case, -1);
            _kinds.AddOrUpdate(fuzzCase.Kind, 1, static (_, n) => n + 1);
            Interlocked.Increment(ref _done);
            var finding = new FuzzFinding(number, fuzzCase.Kind, fuzzCase.Text.Length, ms);
            if (ms > 1000)
                _slow.Add(finding);
            lock (_slowestLock)
            {
                if (_slowest is null || ms > _slowest.Milliseconds)
                    _slowest = finding;
            }
        }
    }
}
