// dotnet run -c Release --project bench/DedupBench -- [datasets-dir] [1,10,100] [budget-MiB]
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using MusicPile.Dedup;

var datasets = args.Length > 0 ? args[0] : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/datasets"));
var factors = (args.Length > 1 ? args[1] : "1,10").Split(',').Select(int.Parse).ToArray();
var budgetMiB = args.Length > 2 ? long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 256;

var baseDocs = BenchCorpus.Load(datasets);
Console.WriteLine($"base corpus: {baseDocs.Count} documents ({baseDocs.Count(d => d.Kind == "abc")} ABC tunes), {Environment.ProcessorCount} cores, budget {budgetMiB} MiB");
Console.WriteLine("factor  docs      signatures(s) docs/s    cluster(s) docs/s     removed(exact/music/near)  spilled  peakWS(MiB)  GC heap(MiB)");
foreach (var factor in factors)
{
    var work = Path.Combine(Path.GetTempPath(), $"dedup-bench-{Guid.NewGuid():N}");
    Directory.CreateDirectory(work);
    try
    {
        var options = new DedupOptions { MemoryBudgetBytes = budgetMiB << 20 };
        var clusters = 0L;
        var result = await new Deduplicator(options).RunAsync(BenchCorpus.Replicate(baseDocs, factor), work,
            (_, _) => { clusters++; return ValueTask.CompletedTask; }, indexDirectory: Path.Combine(work, "index"));
        var s = result.Stats;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 >> 20;
        var heap = GC.GetGCMemoryInfo().HeapSizeBytes >> 20;
        Console.WriteLine($"{factor,5}x  {result.DocumentsIn,8}  {s.SignatureTime.TotalSeconds,10:F1}  {result.DocumentsIn / s.SignatureTime.TotalSeconds,9:F0}  " +
                          $"{s.ClusterTime.TotalSeconds,8:F1}  {result.DocumentsIn / s.ClusterTime.TotalSeconds,9:F0}   " +
                          $"{result.RemovedExact}/{result.RemovedMusic}/{result.RemovedNear,-12} {s.SpilledRuns,6}  {peak,10}  {heap,10}   (index {s.IndexTime.TotalSeconds:F1}s)");
    }
    finally
    {
        Directory.Delete(work, recursive: true);
    }
}

/// <summary>The shared ABC tunes (split at X:) and text documents, replicated with random edits.</summary>
internal static class BenchCorpus
{
    public static List<DedupDocument> Load(string datasets)
    {
        var docs = new List<DedupDocument>();
        foreach (var file in Directory.GetFiles(Path.Combine(datasets, "abc"), "*.abc", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            foreach (var tune in Regex.Split(File.ReadAllText(file, System.Text.Encoding.Latin1), @"(?m)^(?=X:)"))
                if (tune.StartsWith("X:", StringComparison.Ordinal))
                    docs.Add(new DedupDocument(docs.Count, tune, "abc", file, null, 0, docs.Count));
        }
        foreach (var file in Directory.GetFiles(Path.Combine(datasets, "text"), "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadLines(file))
            {
                using var json = JsonDocument.Parse(line);
                docs.Add(new DedupDocument(docs.Count, json.RootElement.GetProperty("text").GetString() ?? "", "text", file, null, 0, docs.Count));
            }
        }
        return docs;
    }

    /// <summary>Copy 0 is the corpus itself; later copies change a few words or notes, or transpose a tune (same fingerprint).</summary>
    public static async IAsyncEnumerable<DedupDocument> Replicate(List<DedupDocument> docs, int factor)
    {
        var random = new Random(42);
        long next = 0;
        for (var copy = 0; copy < factor; copy++)
        {
            foreach (var d in docs)
            {
                var text = d.Text;
                string? fingerprint = d.Kind == "abc" ? $"fp-{d.Id}" : null;
                if (copy > 0)
                {
                    var roll = random.Next(4);
                    if (roll == 1) text = Edit(text, random, d.Kind == "abc");
                    else if (roll == 2 && d.Kind == "abc") text = text.Replace('G', 'A').Replace('g', 'a');
                    else if (roll == 3) { text = Edit(text, random, d.Kind == "abc") + $"\nvariant {copy}"; fingerprint = d.Kind == "abc" ? $"fp-{d.Id}-{copy}" : null; }
                }
                yield return d with { Id = next, Order = next, Text = text, MelodyFingerprint = fingerprint };
                next++;
            }
            await Task.Yield();
        }
    }

    private static string Edit(string text, Random random, bool abc)
    {
        var chars = text.ToCharArray();
        for (var k = 0; k < Math.Max(1, chars.Length / 300); k++)
        {
            var at = random.Next(chars.Length);
            if (char.IsAsciiLetter(chars[at])) chars[at] = abc ? (chars[at] == 'G' ? 'E' : 'G') : 'x';
        }
        return new string(chars);
    }
}
