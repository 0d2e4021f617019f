using MusicPile.Abc;

namespace MusicPile.Eval;

/// <summary>Parse rate, bar-length consistency, repeat signs and prompt following of generated ABC.</summary>
public static class GenerationMetrics
{
    /// <summary>Figures over answers with no key or meter expectations.</summary>
    public static GenerationMetricsReport Compute(IEnumerable<string> outputs) =>
        Compute(outputs.Select(o => new GenerationSample(o)));

    /// <summary>Figures over answers and what their prompts asked for.</summary>
    public static GenerationMetricsReport Compute(IEnumerable<GenerationSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        int n = 0, extracted = 0, parsed = 0, consistent = 0, repeats = 0, keyAsked = 0, keyOk = 0, meterAsked = 0, meterOk = 0;
        foreach (var s in samples)
        {
            n++;
            if (TuneFinder.First(s.Output) is not { } block)
                continue;
            extracted++;
            var tune = AbcDocument.ParseTune(block);
            if (tune is null)
                continue;
            var diagnostics = AbcValidator.Validate(tune);
            if (AbcValidator.IsFatal(diagnostics))
                continue;
            parsed++;
            if (!diagnostics.Any(d => d.Code == DiagnosticCodes.BarDuration))
                consistent++;
            if (tune.Voices.Any(v => v.Bars.Any(b => b.Elements.Any(e => e is AbcBarLine l && (l.IsRepeatStart || l.IsRepeatEnd)))))
                repeats++;
            if (s.ExpectedKey is { } key)
            {
                keyAsked++;
                keyOk += SameKey(key, tune) ? 1 : 0;
            }
            if (s.ExpectedMeter is { } meter)
            {
                meterAsked++;
                meterOk += SameMeter(meter, tune) ? 1 : 0;
            }
        }
        return new GenerationMetricsReport(n, extracted, Rate(parsed, n), Rate(consistent, parsed), Rate(repeats, n),
            keyAsked == 0 ? null : Rate(keyOk, keyAsked), meterAsked == 0 ? null : Rate(meterOk, meterAsked));
    }

    /// <summary>Same tonic and mode (so <c>Am</c> and <c>Amin</c> agree, <c>Am</c> and <c>C</c> do not).</summary>
    public static bool SameKey(string expected, AbcTune tune)
    {
        ArgumentNullException.ThrowIfNull(tune);
        if (!AbcKey.TryParse(expected, out var want))
            return false;
        var have = tune.Key;
        return string.Equals(want.Tonic, have.Tonic, StringComparison.OrdinalIgnoreCase) && want.Mode == have.Mode
            && want.Fifths == have.Fifths && want.IsNone == have.IsNone;
    }

    /// <summary>Same meter as written (<c>C</c> and <c>4/4</c> agree; <c>2/4</c> and <c>4/8</c> do not).</summary>
    public static bool SameMeter(string expected, AbcTune tune)
    {
        ArgumentNullException.ThrowIfNull(tune);
        if (!AbcMeter.TryParse(expected, out var want))
            return false;
        var have = tune.Meter;
        return want.IsFree ? have.IsFree : !have.IsFree && want.Numerator == have.Numerator && want.Denominator == have.Denominator;
    }

    private static double Rate(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

}
