namespace MusicPile.Serve.Generation;

/// <summary>Finds stop strings in growing text and says how much of it is safe to stream (no partial stop string or UTF-8 sequence at the end).</summary>
internal sealed class StopMatcher(IReadOnlyList<string> stops)
{
    /// <summary>Index where the first stop string starts, or -1.</summary>
    public int FindStop(string text, int searchFrom)
    {
        var best = -1;
        foreach (var stop in stops)
        {
            var from = Math.Max(0, searchFrom - stop.Length + 1);
            var at = text.IndexOf(stop, from, StringComparison.Ordinal);
            if (at >= 0 && (best < 0 || at < best)) best = at;
        }
        return best;
    }

    /// <summary>How many leading characters can be sent without revealing the start of a stop string.</summary>
    public int SafeLength(string text)
    {
        var safe = text.Length;
        while (safe > 0 && text[safe - 1] == '\uFFFD') safe--;
        foreach (var stop in stops)
        {
            for (var k = Math.Min(stop.Length - 1, text.Length); k > 0; k--)
            {
                if (text.AsSpan(text.Length - k).SequenceEqual(stop.AsSpan(0, k)))
                {
                    safe = Math.Min(safe, text.Length - k);
                    break;
                }
            }
        }
        return safe;
    }
}
