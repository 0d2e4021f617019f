namespace AbcBench;

/// <summary>What a fuzz run found.</summary>
/// <param name="Seed">Generator seed.</param>
/// <param name="Cases">Cases run.</param>
/// <param name="Seconds">Wall time of the run (generation included).</param>
/// <param name="TunesParsed">Tunes the parser found across all cases (each went through every stage).</param>
/// <param name="CasesByKind">Cases per generator kind.</param>
/// <param name="Exceptions">Cases where a stage threw (all of them are listed).</param>
/// <param name="Hangs">Cases abandoned after the hang limit.</param>
/// <param name="OverOneSecond">Cases that took longer than one second.</param>
/// <param name="Slowest">The slowest case that finished.</param>
/// <param name="HangLimitSeconds">Per-case limit after which a case counts as a hang.</param>
/// <param name="Workers">Worker threads.</param>
internal sealed record FuzzReport(
    int Seed, int Cases, double Seconds, long TunesParsed, IReadOnlyDictionary<string, int> CasesByKind,
    IReadOnlyList<FuzzFinding> Exceptions, IReadOnlyList<FuzzFinding> Hangs, IReadOnlyList<FuzzFinding> OverOneSecond,
    FuzzFinding? Slowest, double HangLimitSeconds, int Workers)
{
    public double CasesPerSecond => Cases / Seconds;
}
