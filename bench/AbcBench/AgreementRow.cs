namespace AbcBench;

/// <summary>How often MusicPile and abc2midi agree on one yes/no question for the tunes of a collection.</summary>
/// <param name="Collection">Baseline collection, or <c>all</c>.</param>
/// <param name="Tunes">Tunes matched between the TSV and our split.</param>
/// <param name="Both">Flagged by both.</param>
/// <param name="OnlyAbc2Midi">Flagged by abc2midi only.</param>
/// <param name="OnlyOurs">Flagged by MusicPile only.</param>
internal sealed record AgreementRow(string Collection, int Tunes, int Both, int OnlyAbc2Midi, int OnlyOurs)
{
    public int Neither => Tunes - Both - OnlyAbc2Midi - OnlyOurs;

    public int Abc2Midi => Both + OnlyAbc2Midi;

    public int Ours => Both + OnlyOurs;

    /// <summary>Share of tunes where the two say the same.</summary>
    public double Agreement => Tunes == 0 ? 0 : (double)(Both + Neither) / Tunes;

    /// <summary>Share of abc2midi-flagged tunes that we flag too.</summary>
    public double Recall => Abc2Midi == 0 ? 1 : (double)Both / Abc2Midi;

    /// <summary>Share of our flagged tunes that abc2midi flags too.</summary>
    public double Precision => Ours == 0 ? 1 : (double)Both / Ours;

    /// <summary>Cohen's kappa: agreement beyond what the two flag rates give by chance.</summary>
    public double Kappa
    {
        get
        {
            if (Tunes == 0)
                return 0;
            double n = Tunes, pa = Abc2Midi / n, po = Ours / n;
            var chance = pa * po + (1 - pa) * (1 - po);
            var kappa = chance >= 1 ? 1 : (Agreement - chance) / (1 - chance);
            return Math.Abs(kappa) < 1e-9 ? 0 : kappa;
        }
    }
}
