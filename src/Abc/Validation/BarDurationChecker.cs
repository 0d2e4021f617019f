namespace MusicPile.Abc;

/// <summary>
/// Compares each bar's duration with the meter. A bar longer than the meter is always <c>bar-duration</c>. A shorter
/// bar is allowed only where musicians write one:
/// <list type="bullet">
/// <item>the opening pickup, and the first bar of any later section (its pickup, or an ending's first bar);</item>
/// <item>a section-end bar that a pickup completes: the next section's, or before <c>:|</c> the repeated section's,
/// or at the tune's end the opening one or the last section's own;</item>
/// <item>a bar split across a numbered ending (the bar before <c>[1</c> together with each ending's first bar);</item>
/// <item>a bar in which the meter changes, and a voice written without bar lines (neither is checked).</item>
/// </list>
/// Everywhere else a short bar is <c>bar-duration</c>. <c>M:none</c>, multi-measure rests, tuplets and zero-length
/// grace notes are accounted.
/// </summary>
internal static class BarDurationChecker
{
    private sealed class BarInfo
    {
        public required AbcBar Bar { get; init; }
        public Rational Duration { get; init; }
        public Rational? Expected { get; init; }
        public bool Skip { get; set; }
        public bool StartsSection { get; init; }
        public bool EndsSection { get; init; }
        public bool EndsRepeat { get; init; }

        /// <summary>The first bar of the section a <c>:|</c> here goes back to.</summary>
        public int RepeatTarget { get; init; }

        /// <summary>For a bar that starts a numbered ending: the bar before the first ending of its group, else -1.</summary>
        public int BeforeEndings { get; init; } = -1;
    }

    public static void Check(AbcTune tune, List<AbcDiagnostic> into)
    {
        foreach (var voice in ListSpan.Of(tune.Voices))
            CheckVoice(tune, voice, into);
    }

    private static void CheckVoice(AbcTune tune, AbcVoice voice, List<AbcDiagnostic> into)
    {
        var bars = Collect(tune, voice);
        // Music written without bar lines (one bar holding the whole voice) has no bars to measure.
        if (bars.Count == 1 && bars[0].Bar.BarLine is null)
            return;
        for (var k = 0; k < bars.Count; k++)
        {
            var b = bars[k];
            if (b.Skip || b.Expected is not { } expected || b.Duration == expected)
                continue;
            if (b.Duration < expected && ShortAllowed(bars, k, expected))
                continue;
            var at = FirstTimed(b.Bar);
            into.Add(TuneParser.Diag(DiagnosticCodes.BarDuration, at.Line, at.Column,
                $"bar has {b.Duration} whole notes, the meter wants {expected}"));
        }
    }

    private static List<BarInfo> Collect(AbcTune tune, AbcVoice voice)
    {
        var bars = new List<BarInfo>(voice.Bars.Count);
        var meter = tune.Meter;
        var barLength = meter.BarLength;
        var startsSection = true;
        var startsEnding = false;
        var repeatTarget = 0;
        var sawRepeatStart = false;
        var beforeEndings = -1;
        foreach (var bar in ListSpan.Of(voice.Bars))
        {
            var duration = Rational.Zero;
            var skip = false;
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
                        skip |= sawTimed;
                        break;
                    case AbcFieldElement { Name: 'P' } when !sawTimed:
                        startsSection = true;
                        break;
                    case AbcRest { IsMultiMeasure: true }:
                        skip = true;
                        break;
                    case AbcSpacer { Symbol: '&' }:
                        skip = true;
                        break;
                    case AbcBarLine { Kind: "", Ending: not null } when !sawTimed:
                        startsSection = true;
                        startsEnding = true;
                        break;
                    case AbcTimedElement t:
                        duration += t.Duration;
                        sawTimed = true;
                        break;
                }
            }
            var line = bar.BarLine;
            if (!sawTimed)
            {
                if (line is not null)
                    Advance(line, bars.Count, ref startsSection, ref startsEnding, ref sawRepeatStart, ref repeatTarget, ref beforeEndings);
                continue;
            }
            if (startsSection && !startsEnding && !sawRepeatStart)
                repeatTarget = bars.Count;
            var info = new BarInfo
            {
                Bar = bar,
                Duration = duration,
                Expected = barLength,
                Skip = skip,
                StartsSection = startsSection,
                EndsSection = line is null || line.IsSectionEnd || line.Ending is not null,
                EndsRepeat = line?.IsRepeatEnd == true,
                RepeatTarget = repeatTarget,
                BeforeEndings = startsEnding ? beforeEndings : -1,
            };
            bars.Add(info);
            startsSection = false;
            startsEnding = false;
            if (line is not null)
                Advance(line, bars.Count, ref startsSection, ref startsEnding, ref sawRepeatStart, ref repeatTarget, ref beforeEndings);
            else
                startsSection = true;
        }
        return bars;
    }

    /// <summary>What a bar line means for the bar after it (whose index is <paramref name="next"/>).</summary>
    private static void Advance(AbcBarLine line, int next, ref bool startsSection, ref bool startsEnding, ref bool sawRepeatStart,
        ref int repeatTarget, ref int beforeEndings)
    {
        if (line.Ending is not null)
        {
            // The first ending of a group remembers the bar before it; later endings of the group reuse it.
            if (beforeEndings < 0 || line.EndingNumbers is [1, ..])
                beforeEndings = next - 1;
            startsSection = true;
            startsEnding = true;
        }
        else if (line.IsSectionEnd)
        {
            startsSection = true;
            beforeEndings = -1;
        }
        if (line.IsRepeatStart)
        {
            sawRepeatStart = true;
            repeatTarget = next;
        }
        else if (line.IsRepeatEnd || (line.IsSectionEnd && line.Ending is null))
        {
            // After a repeat closes, or at a double bar, a later :| without its own |: goes back to the section start.
            sawRepeatStart = false;
            repeatTarget = next;
        }
    }

    private static bool ShortAllowed(List<BarInfo> bars, int k, Rational expected)
    {
        var b = bars[k];
        if (k == 0)
            return true;
        // A section's own pickup, the second half of a bar split at a section boundary, or an ending's first bar
        // completing the bar written before the endings. When the bar before does not fit, that bar is the one at fault.
        if (b.StartsSection)
            return true;
        if (!b.EndsSection)
            return false;
        var next = k + 1 < bars.Count ? bars[k + 1] : null;
        if (next is { StartsSection: true } && b.Duration + next.Duration == expected)
            return true;
        if (next is { BeforeEndings: >= 0 } && next.BeforeEndings == k && EndingsComplete(bars, k, expected))
            return true;
        if (b.EndsRepeat && PickupOf(bars, b.RepeatTarget, k) is { } repeated && b.Duration + repeated == expected)
            return true;
        // The tune's last bar: completed by the opening pickup, or by its own section's (played again from there).
        if (next is not null)
            return false;
        return (PickupOf(bars, 0, k) is { } opening && b.Duration + opening == expected)
            || (PickupOf(bars, b.RepeatTarget, k) is { } own && b.Duration + own == expected);
    }

    /// <summary>Whether every ending that follows bar <paramref name="k"/> starts with the rest of its bar.</summary>
    private static bool EndingsComplete(List<BarInfo> bars, int k, Rational expected)
    {
        var any = false;
        for (var j = k + 1; j < bars.Count; j++)
        {
            if (bars[j].BeforeEndings != k)
                continue;
            if (bars[k].Duration + bars[j].Duration != expected)
                return false;
            any = true;
        }
        return any;
    }

    /// <summary>The duration of bar <paramref name="start"/> when it is a short pickup (and not the bar asking), else null.</summary>
    private static Rational? PickupOf(List<BarInfo> bars, int start, int asking)
    {
        if (start < 0 || start >= bars.Count || start == asking)
            return null;
        var s = bars[start];
        return s.Expected is { } e && s.Duration < e ? s.Duration : null;
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
