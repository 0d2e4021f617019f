namespace MusicPile.Abc;

/// <summary>
/// What a corpus pipeline keeps about a parsed tune so that later steps need not parse it again: its diagnostics and
/// its melody fingerprint, both from the same model.
/// Example: <c>var digest = TuneDigest.Of(AbcNormalizer.Normalize(tune).Tune);</c>
/// </summary>
/// <param name="Diagnostics">All diagnostics of the tune, sorted by position (<see cref="AbcValidator.Validate"/>).</param>
/// <param name="MelodyFingerprint">The tune's <see cref="Abc.MelodyFingerprint"/>.</param>
public sealed record TuneDigest(IReadOnlyList<AbcDiagnostic> Diagnostics, string MelodyFingerprint)
{
    /// <summary>The first fatal diagnostic, or null when the tune is usable.</summary>
    public AbcDiagnostic? FirstFatal => Diagnostics.FirstOrDefault(d => d.Severity == AbcSeverity.Fatal);

    /// <summary>How many diagnostics are warnings.</summary>
    public int Warnings => AbcValidator.CountWarnings(Diagnostics);

    /// <summary>Validates the tune and computes its fingerprint.</summary>
    public static TuneDigest Of(AbcTune tune)
    {
        ArgumentNullException.ThrowIfNull(tune);
        return new TuneDigest(AbcValidator.Validate(tune), Abc.MelodyFingerprint.Compute(tune));
    }
}
