namespace MusicPile.Abc;

/// <summary>A section as split from the bars, before labelling.</summary>
internal sealed class RawSection
{
    public int FirstBar { get; set; }

    public int BarCount { get; set; }

    public bool Repeated { get; set; }

    public List<SectionNote> Notes { get; } = [];

    public void Absorb(RawSection other)
    {
        BarCount += other.BarCount;
        Repeated |= other.Repeated;
        Notes.AddRange(other.Notes);
        FirstBar = Math.Min(FirstBar, other.FirstBar);
    }
}
