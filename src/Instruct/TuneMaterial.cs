using MusicPile.Abc;

namespace MusicPile.Instruct;

/// <summary>What the task builders read from one ABC record: its corpus-form text, with and without chords, and its structure.</summary>
/// <param name="Abc">The tune in corpus form, chord symbols kept.</param>
/// <param name="Melody">The tune in corpus form without chord symbols.</param>
/// <param name="Structure">Form, motifs and chords.</param>
/// <param name="Key">The <c>K:</c> value as written.</param>
/// <param name="Meter">The <c>M:</c> value as written.</param>
/// <param name="IsBach">The record's source is listed in <c>bach_sources</c>.</param>
public sealed record TuneMaterial(string Abc, string Melody, TuneStructureResult Structure, string Key, string Meter, bool IsBach)
{
    /// <summary>Reads a tune into corpus form and analyses it.</summary>
    public static TuneMaterial From(AbcTune tune, bool isBach)
    {
        ArgumentNullException.ThrowIfNull(tune);
        var abc = AbcNormalizer.Normalize(tune);
        var melody = AbcNormalizer.Normalize(tune, AbcNormalizerOptions.Default with { KeepChordSymbols = false });
        return new TuneMaterial(abc.Text, melody.Text, TuneStructure.Analyze(abc.Tune), abc.Tune.Field('K') ?? "C",
            abc.Tune.Field('M') ?? "none", isBach);
    }

    /// <summary>The key and meter line that generation prompts carry.</summary>
    public string Setting => $"Key: {Key}\nMeter: {Meter}";
}
