namespace MusicPile.Train;

/// <summary>
/// One named stream of the training mixture (e.g. <c>abc</c>, <c>text</c>, <c>chat</c>): the token spans it trains on
/// and those it is validated on, each read as one stream in order, and its share of training windows.
/// </summary>
/// <param name="Name">Label used in metrics (validation loss is reported per source).</param>
/// <param name="Train">Training tokens: whole files or spans of them (for example one document kind's documents in an export).</param>
/// <param name="Validation">Validation tokens, likewise; empty for none.</param>
/// <param name="Weight">Relative sampling weight; windows are drawn from sources in proportion to it. Default 1.</param>
public sealed record DataSource(string Name, IReadOnlyList<TokenSpan> Train, IReadOnlyList<TokenSpan> Validation, double Weight = 1.0)
{
    /// <summary>A source reading whole files: a training file and optionally a validation file.</summary>
    public static DataSource OfFiles(string name, string trainPath, string? valPath = null, double weight = 1.0) =>
        new(name, [new TokenSpan(trainPath)], valPath is null ? [] : [new TokenSpan(valPath)], weight);
}
