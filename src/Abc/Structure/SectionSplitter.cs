using System.Text;

namespace MusicPile.Abc;

/// <summary>
/// Splits the first voice with notes into sections at section bar lines. Second and later endings continue the
/// section they end, and sections shorter than <see cref="TuneStructureOptions.MinSectionBars"/> (a pickup before
/// <c>|:</c>, a stray bar) join a neighbour, so endings and anacruses do not show up as sections of their own.
/// </summary>
internal static class SectionSplitter
{
    public static List<RawSection> Split(AbcTune tune, int minBars)
    {
        var voice = tune.Voices.FirstOrDefault(v => v.Bars.Any(b => b.Elements.Any(e => e is AbcNote)));
        var sections = new List<RawSection>();
        if (voice is null)
            return sections;
        var resolver = new PitchResolver(tune.Key);
        var unit = tune.UnitLength;
        var meter = tune.Meter;
        RawSection? current = null;
        var barNumber = 0;
        var previousHadEnding = false;
        foreach (var bar in voice.Bars)
        {
            resolver.NewBar();
            var notes = new List<SectionNote>();
            var startsEnding = previousHadEnding;
            foreach (var e in bar.Elements)
            {
                switch (e)
                {
                    case AbcFieldElement { Name: 'K' } k when AbcKey.TryParse(k.Value, out var key):
                        resolver.Key = key;
                        break;
                    case AbcFieldElement { Name: 'M' } mf when AbcMeter.TryParse(mf.Value, out var m):
                        meter = m;
                        break;
                    case AbcFieldElement { Name: 'L' } l when TryLength(l.Value, out var length):
                        unit = length;
                        break;
                    case AbcBarLine { Kind: "", Ending: not null } when notes.Count == 0:
                        startsEnding = true;
                        break;
                    case AbcNote n when !n.Duration.IsZero:
                        notes.Add(new SectionNote(resolver.Midi(n), n.Duration, Render(n, unit)));
                        break;
                    case AbcRest { IsMultiMeasure: false } r when !r.Duration.IsZero:
                        notes.Add(new SectionNote(-1, r.Duration, Render(r, unit)));
                        break;
                }
            }
            var line = bar.BarLine;
            previousHadEnding = line?.Ending is not null;
            if (notes.Count > 0)
            {
                // A short bar opening a section is an anacrusis: it belongs to the section but is not numbered.
                var pickup = current is null && !startsEnding && meter.BarLength is { } full
                    && notes.Aggregate(Rational.Zero, (sum, n) => sum + n.Duration) < full;
                if (!pickup)
                    barNumber++;
                if (current is null)
                {
                    if (startsEnding && sections.Count > 0)
                    {
                        current = sections[^1];
                        sections.RemoveAt(sections.Count - 1);
                    }
                    else
                        current = new RawSection { FirstBar = barNumber + (pickup ? 1 : 0) };
                }
                if (!pickup)
                    current.BarCount++;
                current.Notes.AddRange(notes);
            }
            if (current is not null && (line is null || line.IsSectionEnd))
            {
                current.Repeated |= line?.IsRepeatEnd == true;
                sections.Add(current);
                current = null;
            }
        }
        if (current is not null)
            sections.Add(current);
        return MergeShort(sections, minBars);
    }

    private static List<RawSection> MergeShort(List<RawSection> sections, int minBars)
    {
        var k = 0;
        while (sections.Count > 1 && k < sections.Count)
        {
            if (sections[k].BarCount >= minBars)
            {
                k++;
                continue;
            }
            if (k == 0)
            {
                var pickup = sections[0];
                sections.RemoveAt(0);
                var next = sections[0];
                var repeated = next.Repeated;
                pickup.Absorb(next);
                pickup.Repeated = repeated;
                sections[0] = pickup;
            }
            else
            {
                sections[k - 1].Absorb(sections[k]);
                sections.RemoveAt(k);
            }
        }
        return sections;
    }

    private static bool TryLength(string value, out Rational length)
    {
        length = default;
        var parts = value.Trim().Split('/');
        if (parts.Length == 2 && long.TryParse(parts[0], out var n) && long.TryParse(parts[1], out var d) && n > 0 && d > 0)
        {
            length = new Rational(n, d);
            return true;
        }
        return false;
    }

    internal static string Render(AbcTimedElement e, Rational unit)
    {
        var sb = new StringBuilder(8);
        var length = e.Duration / unit;
        switch (e)
        {
            case AbcNote n:
                AbcWriter.AppendNote(sb, n with { Length = length, Tie = false });
                break;
            default:
                sb.Append('z');
                AbcWriter.AppendLength(sb, length);
                break;
        }
        return sb.ToString();
    }
}
