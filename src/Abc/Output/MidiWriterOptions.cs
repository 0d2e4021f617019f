namespace MusicPile.Abc;

/// <summary>
/// Bounds on what <see cref="MidiWriter"/> plays. Repeats, endings and a header <c>P:</c> multiply a short text into
/// a long performance, so the bounds apply while playing, before the file is built. Defaults fit any real tune.
/// </summary>
public sealed record MidiWriterOptions
{
    /// <summary>Most notes played, all voices together; more throw <see cref="MidiLimitException"/>. Default 100,000.</summary>
    public int MaxNotes { get; init; } = 100_000;

    /// <summary>Largest MIDI file in bytes; larger throws <see cref="MidiLimitException"/>. Default 4 MiB.</summary>
    public long MaxBytes { get; init; } = 4L << 20;

    /// <summary>The defaults.</summary>
    public static MidiWriterOptions Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public MidiWriterOptions Validate()
    {
        if (MaxNotes <= 0)
            throw new ArgumentException("MIDI writer options: max notes must be positive");
        if (MaxBytes < 64)
            throw new ArgumentException("MIDI writer options: max bytes must be at least 64");
        return this;
    }
}
