namespace MusicPile.Abc;

/// <summary>A normalised tune: its text, the model written, and how many of each repair were made.</summary>
/// <param name="Text">The ABC text in corpus form, ending with a newline.</param>
/// <param name="Tune">The normalised model (what <paramref name="Text"/> parses to).</param>
/// <param name="Repairs">Repair name to count (see <see cref="AbcNormalizer"/> for the names).</param>
public sealed record AbcNormalization(string Text, AbcTune Tune, IReadOnlyDictionary<string, int> Repairs);
