namespace MusicPile.Abc;

/// <summary>
/// Playing order of a voice's bars when the header names an order of parts (<c>P:AAB</c>, <c>P:(AB)2C</c>) and the body
/// marks them (<c>P:A</c>): bars before the first mark once, then each named part with its repeats played out.
/// </summary>
internal static class PartOrder
{
    private const int MaxParts = 256;

    public static List<int> Order(AbcTune tune, IReadOnlyList<AbcBar> bars)
    {
        var order = tune.Field('P') is { } header ? Expand(header) : [];
        if (order.Count == 0)
            return RepeatUnfolder.Order(bars);
        var intro = new List<int>();
        var parts = new Dictionary<char, List<int>>();
        List<int>? current = null;
        for (var i = 0; i < bars.Count; i++)
        {
            if (PartMark(bars[i]) is { } mark)
            {
                if (!parts.TryGetValue(mark, out current))
                    parts[mark] = current = [];
            }
            (current ?? intro).Add(i);
        }
        if (parts.Count == 0)
            return RepeatUnfolder.Order(bars);
        var played = Unfold(bars, intro);
        foreach (var name in order)
        {
            // Parts multiply the bars played; the whole order is bounded as each single unfolding is.
            if (played.Count >= RepeatUnfolder.MaxPlayedBars)
                break;
            if (parts.TryGetValue(name, out var part))
                played.AddRange(Unfold(bars, part));
        }
        return played;
    }

    /// <summary>The part a bar starts: a <c>P:</c> field before its first note or rest.</summary>
    private static char? PartMark(AbcBar bar)
    {
        foreach (var e in bar.Elements)
        {
            if (e is AbcFieldElement { Name: 'P', Value.Length: > 0 } f && char.IsAsciiLetter(f.Value[0]))
                return char.ToUpperInvariant(f.Value[0]);
            if (e is AbcTimedElement)
                return null;
        }
        return null;
    }

    private static List<int> Unfold(IReadOnlyList<AbcBar> bars, List<int> indices)
    {
        var subset = indices.ConvertAll(i => bars[i]);
        return RepeatUnfolder.Order(subset).ConvertAll(k => indices[k]);
    }

    /// <summary>The part letters of a header <c>P:</c> in playing order: a digit repeats the letter or group before it, dots and spaces are ignored.</summary>
    internal static List<char> Expand(string text)
    {
        var stack = new Stack<List<char>>();
        var items = new List<char>();
        List<char> last = [];
        for (var i = 0; i < text.Length && items.Count < MaxParts; i++)
        {
            var c = text[i];
            if (char.IsAsciiLetter(c))
            {
                last = [char.ToUpperInvariant(c)];
                items.Add(last[0]);
            }
            else if (c == '(')
            {
                stack.Push(items);
                items = [];
                last = [];
            }
            else if (c == ')' && stack.Count > 0)
            {
                last = items;
                items = stack.Pop();
                items.AddRange(last);
            }
            else if (char.IsAsciiDigit(c))
            {
                var times = c - '0';
                while (i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && times < MaxParts)
                    times = times * 10 + (text[++i] - '0');
                for (var k = 1; k < times && items.Count < MaxParts; k++)
                    items.AddRange(last);
            }
        }
        while (stack.Count > 0)
        {
            var inner = items;
            items = stack.Pop();
            items.AddRange(inner);
        }
        return items.Count > MaxParts ? items.GetRange(0, MaxParts) : items;
    }
}
