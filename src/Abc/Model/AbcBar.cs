namespace MusicPile.Abc;

/// <summary>A bar: the elements from one bar line up to and including the next (the last bar may have none).</summary>
/// <param name="Elements">The elements in written order.</param>
public sealed record AbcBar(IReadOnlyList<AbcElement> Elements)
{
    /// <summary>The closing bar line, or null for an unterminated last bar.</summary>
    public AbcBarLine? BarLine => Elements.Count > 0 ? Elements[^1] as AbcBarLine : null;

    /// <summary>Sum of the durations of the notes, rests and chords.</summary>
    public Rational Duration
    {
        get
        {
            var sum = Rational.Zero;
            foreach (var e in Elements)
            {
                if (e is AbcTimedElement t)
                    sum += t.Duration;
            }
            return sum;
        }
    }
}
