namespace MusicPile.Eval;

/// <summary>Figures over a set of generated answers; rates are fractions of <see cref="Samples"/> unless said otherwise.</summary>
/// <param name="Samples">Answers looked at.</param>
/// <param name="Extracted">Answers holding a tune block (<c>X:\d+\n(?:[^\n]*\n)+</c>).</param>
/// <param name="ParseRate">Answers whose tune parses with no fatal diagnostic.</param>
/// <param name="BarConsistencyRate">Of the parsed tunes, those with no bar whose length disagrees with the meter.</param>
/// <param name="RepeatRate">Answers whose tune has a repeat sign.</param>
/// <param name="KeyFollowRate">Of the parsed tunes whose prompt named a key, those in that key (null when none did).</param>
/// <param name="MeterFollowRate">Of the parsed tunes whose prompt named a meter, those in that meter (null when none did).</param>
public sealed record GenerationMetricsReport(
    int Samples,
    int Extracted,
    double ParseRate,
    double BarConsistencyRate,
    double RepeatRate,
    double? KeyFollowRate,
    double? MeterFollowRate);
