namespace MusicPile.Abc;

/// <summary>
/// Similarity of two note sequences on ChatMusician's 0-10 scale: 10 × (1 − edit distance / longer length), where
/// a note matches another of the same pitch and duration.
/// </summary>
public static class SectionSimilarity
{
    /// <summary>Levenshtein distance between two sequences (insert, delete and substitute cost 1).</summary>
    public static int EditDistance<T>(IReadOnlyList<T> a, IReadOnlyList<T> b)
        where T : IEquatable<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0)
            return b.Count;
        if (b.Count == 0)
            return a.Count;
        var previous = new int[b.Count + 1];
        var row = new int[b.Count + 1];
        for (var j = 0; j <= b.Count; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Count; i++)
        {
            row[0] = i;
            for (var j = 1; j <= b.Count; j++)
            {
                var cost = a[i - 1].Equals(b[j - 1]) ? 0 : 1;
                row[j] = Math.Min(Math.Min(row[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, row) = (row, previous);
        }
        return previous[b.Count];
    }

    /// <summary>Similarity 0-10 of two sequences; two empty sequences are identical (10).</summary>
    public static double Score<T>(IReadOnlyList<T> a, IReadOnlyList<T> b)
        where T : IEquatable<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var longer = Math.Max(a.Count, b.Count);
        if (longer == 0)
            return 10;
        return 10.0 * (1.0 - (double)EditDistance(a, b) / longer);
    }

    internal static double Score(RawSection a, RawSection b) =>
        Score(a.Notes.Select(Key).ToList(), b.Notes.Select(Key).ToList());

    private static (int, Rational) Key(SectionNote n) => (n.Pitch, n.Duration);
}
