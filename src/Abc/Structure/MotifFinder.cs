namespace MusicPile.Abc;

/// <summary>
/// The most frequent longest note n-gram: the longest n (up to a maximum) at which some figure occurs at least twice,
/// then the figure occurring most often at that n, the earliest on a tie. Notes are compared as written after bar
/// lines, chord symbols, chords, annotations, decorations and grace notes are removed.
/// </summary>
public static class MotifFinder
{
    /// <summary>The motif of a sequence of note texts, or null when no note occurs twice.</summary>
    public static (IReadOnlyList<string> Notes, int Occurrences)? Find(IReadOnlyList<string> notes, int maxLength = 8)
    {
        ArgumentNullException.ThrowIfNull(notes);
        for (var n = Math.Min(maxLength, notes.Count - 1); n >= 1; n--)
        {
            var counts = new Dictionary<string, (int Count, int First)>(StringComparer.Ordinal);
            for (var i = 0; i + n <= notes.Count; i++)
            {
                var key = string.Join(" ", notes.Skip(i).Take(n));
                counts[key] = counts.TryGetValue(key, out var c) ? (c.Count + 1, c.First) : (1, i);
            }
            var best = counts.Where(kv => kv.Value.Count >= 2)
                .OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Value.First).FirstOrDefault();
            if (best.Key is not null)
                return (notes.Skip(best.Value.First).Take(n).ToList(), best.Value.Count);
        }
        return null;
    }

    internal static TuneMotif? Find(int section, string label, IEnumerable<SectionNote> notes, int maxLength)
    {
        var texts = notes.Where(n => n.Pitch >= 0).Select(n => n.Text).ToList();
        return Find(texts, maxLength) is { } m
            ? new TuneMotif(section, label, string.Join(" ", m.Notes), m.Notes.Count, m.Occurrences)
            : null;
    }
}
