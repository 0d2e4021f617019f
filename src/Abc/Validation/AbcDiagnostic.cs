namespace MusicPile.Abc;

/// <summary>One finding about a tune, at a 1-based line and column of the original file.</summary>
/// <param name="Code">A stable kebab-case code from <see cref="DiagnosticCodes"/>.</param>
/// <param name="Severity">Fatal or warning.</param>
/// <param name="Line">1-based line in the original file.</param>
/// <param name="Column">1-based column (UTF-16 units) in that line.</param>
/// <param name="Message">Human-readable detail.</param>
public sealed record AbcDiagnostic(string Code, AbcSeverity Severity, int Line, int Column, string Message)
{
    /// <summary>Formats as <c>line:column: severity code: message</c>.</summary>
    public override string ToString() =>
        $"{Line}:{Column}: {(Severity == AbcSeverity.Fatal ? "fatal" : "warning")} {Code}: {Message}";
}
