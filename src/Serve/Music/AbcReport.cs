using System.Text.Json.Serialization;
using MusicPile.Abc;

namespace MusicPile.Serve.Music;

/// <summary>The tune found in a generated text and what src/Abc's validator says about it.</summary>
internal sealed record AbcReport(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("valid")] bool Valid,
    [property: JsonPropertyName("diagnostics")] IReadOnlyList<AbcDiagnosticView> Diagnostics);

/// <summary>One diagnostic as the API shows it.</summary>
internal sealed record AbcDiagnosticView(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("column")] int Column,
    [property: JsonPropertyName("message")] string Message)
{
    public static AbcDiagnosticView From(AbcDiagnostic d) =>
        new(d.Code, d.Severity == AbcSeverity.Fatal ? "fatal" : "warning", d.Line, d.Column, d.Message);
}
