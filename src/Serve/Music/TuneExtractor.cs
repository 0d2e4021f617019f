using MusicPile.Abc;

namespace MusicPile.Serve.Music;

/// <summary>Finds the tune in generated text (<see cref="TuneFinder"/>) and validates it with src/Abc.</summary>
internal static class TuneExtractor
{
    /// <summary>The first tune in <paramref name="text"/>, or null.</summary>
    public static string? Extract(string text) => TuneFinder.First(text);

    /// <summary>The extracted tune and its diagnostics, or null when the text holds no tune.</summary>
    public static AbcReport? Report(string generated)
    {
        var tune = Extract(generated);
        return tune is null ? null : Validate(tune);
    }

    /// <summary>Parses and validates ABC text; valid means it has a tune and no fatal diagnostic.</summary>
    public static AbcReport Validate(string abc)
    {
        var tune = AbcDocument.ParseTune(abc);
        if (tune is null)
            return new AbcReport(abc, false, [new AbcDiagnosticView("no-tune", "fatal", 1, 1, "no tune found (a tune needs X: and K: lines)")]);
        var diagnostics = AbcValidator.Validate(tune);
        return new AbcReport(abc, !AbcValidator.IsFatal(diagnostics), diagnostics.Select(AbcDiagnosticView.From).ToList());
    }
}
