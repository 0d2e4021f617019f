namespace AbcBench;

/// <summary>Throughput of one tool over the corpus tunes.</summary>
/// <param name="Tool">What ran, with its version.</param>
/// <param name="Tunes">Tunes the timing covers (the sample size when extrapolated).</param>
/// <param name="Seconds">Median seconds for one pass over <paramref name="Tunes"/>.</param>
/// <param name="BestSeconds">Fastest pass.</param>
/// <param name="Passes">Timed passes after a warm-up pass (1 for process-per-tune tools).</param>
/// <param name="Extrapolated">True when <paramref name="Tunes"/> is a sample and the full-corpus time is scaled from it.</param>
/// <param name="CorpusSeconds">Seconds for all corpus tunes, measured or extrapolated.</param>
/// <param name="Note">How it was timed.</param>
internal sealed record SpeedResult(
    string Tool, int Tunes, double Seconds, double BestSeconds, int Passes, bool Extrapolated, double CorpusSeconds, string Note)
{
    public double TunesPerSecond => Tunes / Seconds;

    public double MicrosecondsPerTune => Seconds * 1e6 / Tunes;
}
