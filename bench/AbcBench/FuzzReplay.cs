using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace AbcBench;

/// <summary>Regenerates one fuzz case, saves its input and runs it in the foreground, so a finding can be debugged.</summary>
internal static class FuzzReplay
{
    public static int Run(FuzzCaseGenerator generator, int number)
    {
        var fuzzCase = generator.Create(number);
        var path = Path.Combine(Path.GetTempPath(), $"abcbench-fuzz-case-{number}.abc");
        File.WriteAllText(path, fuzzCase.Text);
        Console.WriteLine($"case {number}: {fuzzCase.Kind}, {fuzzCase.Text.Length:N0} chars, saved to {path}");
        var stage = new StrongBox<string>("generate");
        var watch = Stopwatch.StartNew();
        try
        {
            var tunes = FuzzPipeline.Run(fuzzCase, stage);
            Console.WriteLine($"ok: {tunes} tunes in {watch.Elapsed.TotalMilliseconds:F1} ms");
            return 0;
        }
        catch (Exception e)
        {
            Console.WriteLine($"{stage.Value} threw after {watch.Elapsed.TotalMilliseconds:F1} ms: {e}");
            return 1;
        }
    }
}
