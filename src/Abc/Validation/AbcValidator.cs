namespace MusicPile.Abc;

/// <summary>Checks a parsed tune: parse findings plus bar durations, ties and an empty body. Diagnostics come sorted by position.</summary>
public static class AbcValidator
{
    /// <summary>All diagnostics of a tune, sorted by line and column.</summary>
    public static IReadOnlyList<AbcDiagnostic> Validate(AbcTune tune)
    {
        ArgumentNullException.ThrowIfNull(tune);
        var result = new List<AbcDiagnostic>(tune.ParseDiagnostics);
        MusicChecks.Check(tune, result);
        BarDurationChecker.Check(tune, result);
        result.Sort(static (a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
        return result;
    }

    /// <summary>True when any diagnostic is fatal.</summary>
    public static bool IsFatal(IReadOnlyList<AbcDiagnostic> diagnostics) => diagnostics.Any(d => d.Severity == AbcSeverity.Fatal);

    /// <summary>How many diagnostics are warnings.</summary>
    public static int CountWarnings(IReadOnlyList<AbcDiagnostic> diagnostics) => diagnostics.Count(d => d.Severity == AbcSeverity.Warning);
}
