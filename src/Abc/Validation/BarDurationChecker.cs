namespace MusicPile.Abc;

/// <summary>
/// Compares each bar's duration with the meter. Short bars are allowed where music really has them: the first bar
/// (anacrusis), the last bar, and bars next to a repeat, ending or section boundary (a pickup and the bar before
/// <c>:|</c> together make a full bar). Meter changes, <c>M:none</c>, tuplets and zero-length grace notes are accounted.
/// </summary>
internal static class BarDurationChecker
{
    private readonly record struct BarInfo(AbcBar Bar, Rational Duration, Rational? Expected, bool StartsAfterBoundary, bool EndsAtBoundary, bool Skip);

    public static void Check(AbcTune tune, List<AbcDiagnostic> into)
    {
        foreach (var voice in ListSpan.Of(tune.Voices))
            CheckVoice(tune, voice, into);
    }

    private static void CheckVoice(AbcTune tune, AbcVoice voice, List<AbcDiagnostic> into)
    {
        var bars = new List<BarInfo>(voice.Bars.Count);
        var meter = tune.Meter;
        var barLength = meter.BarLength;
        var previousBoundary = true;
        foreach (var bar in ListSpan.Of(voice.Bars))
        {
            var duration = Rational.Zero;
            var skip = false;
            var startsEnding = false;
            var sawTimed = false;
            foreach (var e in ListSpan.Of(bar.Elements))
            {
                if (e is AbcNote note)
                {
                    duration += note.Duration;
                    sawTimed = true;
                    continue;
                }
                switch (e)
                {
                    case AbcFieldElement { Name: 'M' } f:
                        AbcMeter.TryParse(f.Value, out meter);
                        barLength = meter.BarLength;
                        break;
                    case AbcRest { IsMultiMeasure: true }:
                        skip = true;
                        break;
                    case AbcSpacer { Symbol: '&' }:
                        skip = true;
                        break;
                    case AbcBarLine { Kind: "", Ending: not null } when !sawTimed:
                        startsEnding = true;
                        break;
                    case AbcTimedElement t:
                        duration += t.Duration;
                        sawTimed = true;
                        break;
                }
            }
            var line = bar.BarLine;
            var endsBoundary = line is null || line.IsSectionEnd || line.Ending is not null;
            if (!sawTimed)
            {
                previousBoundary |= endsBoundary;
                continue;
            }
            bars.Add(new BarInfo(bar, duration, barLength, previousBoundary || startsEnding, endsBoundary, skip));
            previousBoundary = endsBoundary;
        }

        for (var k = 0; k < bars.Count; k++)
        {
            var b = bars[k];
            if (b.Skip || b.Expected is not { } expected || b.Duration == expected)
                continue;
            if (b.Duration < expected)
            {
                var nextStartsSection = k + 1 < bars.Count && bars[k + 1].StartsAfterBoundary;
                if (k == 0 || k == bars.Count - 1 || b.StartsAfterBoundary || b.EndsAtBoundary || nextStartsSection)
                    continue;
            }
            var at = FirstTimed(b.Bar);
            into.Add(TuneParser.Diag(DiagnosticCodes.BarDuration, at.Line, at.Column,
                $"bar has {b.Duration} whole notes, the meter wants {expected}"));
        }
    }

    private static AbcElement FirstTimed(AbcBar bar)
    {
        foreach (var e in ListSpan.Of(bar.Elements))
        {
            if (e is AbcTimedElement)
                return e;
        }
        return bar.Elements[0];
    }
}
