using System.Globalization;
using MusicPile.Abc;

namespace MusicPile.Abc.Tests;

/// <summary>How far the validator agrees with abc2midi's per-tune verdicts in the shared baseline.</summary>
public sealed class Abc2MidiAgreementTests(ITestOutputHelper output)
{
    private sealed class Confusion
    {
        public int Tp, Fp, Fn, Tn;

        public int Total => Tp + Fp + Fn + Tn;

        public double Agreement => Total == 0 ? 1 : (double)(Tp + Tn) / Total;

        public void Add(bool ours, bool theirs)
        {
            if (ours && theirs) Tp++;
            else if (ours) Fp++;
            else if (theirs) Fn++;
            else Tn++;
        }

        public override string ToString() =>
            $"both {Tp,5} ours-only {Fp,5} abc2midi-only {Fn,5} neither {Tn,5}  agreement {Agreement:P1}";
    }

    [Fact]
    public void Bar_duration_and_fatal_verdicts_agree_with_abc2midi()
    {
        var baseline = Path.Combine(DatasetCorpus.AbcRoot(), "baseline", "abc2midi_abcjs_abcm2ps_per_tune.tsv");
        var rows = new Dictionary<(string, int), (int Errors, int BarWarnings)>();
        foreach (var line in File.ReadLines(baseline).Skip(1))
        {
            var c = line.Split('\t');
            rows[(c[1], int.Parse(c[2], CultureInfo.InvariantCulture))] =
                (int.Parse(c[4], CultureInfo.InvariantCulture), int.Parse(c[6], CultureInfo.InvariantCulture));
        }
        var bar = new SortedDictionary<string, Confusion>(StringComparer.Ordinal);
        var fatal = new SortedDictionary<string, Confusion>(StringComparer.Ordinal);
        var codes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var matched = 0;
        foreach (var (file, tune) in DatasetCorpus.Tunes())
        {
            if (!rows.TryGetValue((file.RelativePath, tune.Index), out var row))
                continue;
            matched++;
            var diagnostics = AbcValidator.Validate(tune);
            foreach (var code in diagnostics.Select(d => d.Code).Distinct())
                codes[code] = codes.GetValueOrDefault(code) + 1;
            Get(bar, file.Collection).Add(diagnostics.Any(d => d.Code == DiagnosticCodes.BarDuration), row.BarWarnings > 0);
            Get(fatal, file.Collection).Add(AbcValidator.IsFatal(diagnostics), row.Errors > 0);
        }
        var barAll = Sum(bar.Values);
        var fatalAll = Sum(fatal.Values);
        output.WriteLine($"matched {matched} tunes with the baseline");
        output.WriteLine("bar-duration vs abc2midi bar-length warnings:");
        foreach (var (k, v) in bar)
            output.WriteLine($"  {k,-10} {v}");
        output.WriteLine($"  {"all",-10} {barAll}");
        output.WriteLine("fatal vs abc2midi errors:");
        foreach (var (k, v) in fatal)
            output.WriteLine($"  {k,-10} {v}");
        output.WriteLine($"  {"all",-10} {fatalAll}");
        output.WriteLine("tunes per diagnostic code: " + string.Join(", ", codes.Select(kv => $"{kv.Key} {kv.Value}")));

        Assert.Equal(13_009, matched);
        Assert.True(barAll.Agreement >= 0.80, $"bar-duration agreement {barAll.Agreement:P1}");
        Assert.True(bar["nott_clean"].Agreement >= 0.90, $"nott_clean agreement {bar["nott_clean"].Agreement:P1}");
    }

    private static Confusion Get(SortedDictionary<string, Confusion> d, string key)
    {
        if (!d.TryGetValue(key, out var c))
            d[key] = c = new Confusion();
        return c;
    }

    private static Confusion Sum(IEnumerable<Confusion> all)
    {
        var s = new Confusion();
        foreach (var c in all)
        {
            s.Tp += c.Tp;
            s.Fp += c.Fp;
            s.Fn += c.Fn;
            s.Tn += c.Tn;
        }
        return s;
    }
}
