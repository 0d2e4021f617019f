using System.Text.Json.Serialization;
using MusicPile.Abc;

namespace MusicPile.Serve.Music;

/// <summary>The tune found in a generated text and what src/Abc's validator says about it.</summary>
internal sealed record AbcReport(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("valid")] bool Valid,
    [property: JsonPropertyName("diagnostics")] IReadOnlyList<AbcDiagnosticView> Diagnostics)
{
    private readonly int? _count;

    /// <summary>All diagnostics the validator found, shown or not.</summary>
    [JsonPropertyName("diagnostic_count")]
    public int DiagnosticCount { get => _count ?? Diagnostics.Count; init => _count = value; }

    /// <summary>True when <see cref="Diagnostics"/> shows only some of them.</summary>
    [JsonPropertyName("diagnostics_truncated")]
    public bool DiagnosticsTruncated => DiagnosticCount > Diagnostics.Count;

    /// <summary>The report with at most <paramref name="max"/> diagnostics, fatal ones first, in text order.</summary>
    public AbcReport WithAtMost(int max) => Diagnostics.Count <= max ? this : this with
    {
        Diagnostics = Diagnostics.OrderBy(d => d.Severity == "fatal" ? 0 : 1).Take(max).OrderBy(d => d.Line).ThenBy(d => d.Column).ToList(),
        DiagnosticCount = Diagnostics.Count,
    };
}

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
