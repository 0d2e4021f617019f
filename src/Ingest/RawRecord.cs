namespace MusicPile.Ingest;

/// <summary>
/// A record as a reader found it, before validation: its text (or the reason it has none), where it is, and the
/// fields of structured sources.
/// </summary>
internal sealed record RawRecord(string Position, string? Text, string? Id = null, string? Src = null, string? KindHint = null,
    string? Problem = null, string? ProblemDetail = null, string? RepairedFrom = null, IReadOnlyDictionary<string, string>? Fields = null);
