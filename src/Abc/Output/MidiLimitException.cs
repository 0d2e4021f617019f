namespace MusicPile.Abc;

/// <summary>A tune whose performance goes past a bound of <see cref="MidiWriterOptions"/>; the message names the bound.</summary>
public sealed class MidiLimitException : Exception
{
    public MidiLimitException(string message, long limit)
        : base(message)
    {
        Limit = limit;
    }

    /// <summary>The bound that was reached.</summary>
    public long Limit { get; }
}
