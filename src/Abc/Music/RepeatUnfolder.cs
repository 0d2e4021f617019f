namespace MusicPile.Abc;

/// <summary>The bars of a voice in playing order: repeats played twice, first and second endings chosen per pass.</summary>
internal static class RepeatUnfolder
{
    /// <summary>Most bars one playing order holds; a longer performance is cut there.</summary>
    internal const int MaxPlayedBars = 100_000;

    /// <summary>The indices of the bars in playing order.</summary>
    public static List<int> Order(IReadOnlyList<AbcBar> bars)
    {
        var endings = EndingsOf(bars);
        var played = new List<int>(bars.Count * 2);
        var i = 0;
        var pass = 1;
        var sectionStart = 0;
        while (i < bars.Count && played.Count < MaxPlayedBars)
        {
            var bar = bars[i];
            if (endings[i] is { Count: > 0 } set && !set.Contains(pass))
            {
                i++;
                continue;
            }
            played.Add(i);
            var line = bar.BarLine;
            if (line is { IsRepeatEnd: true })
            {
                var passes = Math.Max(2, MaxEnding(endings, sectionStart, i));
                if (pass < passes)
                {
                    pass++;
                    i = sectionStart;
                    continue;
                }
                pass = 1;
                sectionStart = i + 1;
            }
            else if (line is { IsRepeatStart: true } || (line is { IsSectionEnd: true } && (endings[i]?.Count ?? 0) > 0))
            {
                pass = 1;
                sectionStart = i + 1;
            }
            if (line is { IsRepeatStart: true })
                sectionStart = i + 1;
            i++;
        }
        return played;
    }

    private static int MaxEnding(List<IReadOnlyList<int>?> endings, int from, int to)
    {
        var max = 0;
        for (var k = from; k < endings.Count && k <= to + 8; k++)
        {
            if (endings[k] is { } e)
                max = Math.Max(max, e.Count == 0 ? 0 : e.Max());
        }
        return Math.Min(max, 8);
    }

    /// <summary>The ending numbers each bar belongs to, or null outside endings.</summary>
    private static List<IReadOnlyList<int>?> EndingsOf(IReadOnlyList<AbcBar> bars)
    {
        var result = new List<IReadOnlyList<int>?>(bars.Count);
        IReadOnlyList<int>? current = null;
        foreach (var bar in bars)
        {
            foreach (var e in bar.Elements)
            {
                if (e is AbcBarLine { Kind: "", Ending: not null } standalone)
                    current = standalone.EndingNumbers;
                else if (e is AbcTimedElement)
                    break;
            }
            result.Add(current);
            var line = bar.BarLine;
            if (line is null)
                continue;
            if (line.IsSectionEnd)
                current = null;
            if (line.Ending is not null)
                current = line.EndingNumbers;
        }
        return result;
    }
}
