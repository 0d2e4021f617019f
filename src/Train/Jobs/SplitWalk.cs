namespace MusicPile.Train.Jobs;

/// <summary>
/// Walks one split of an export document by document: each call to <see cref="Take"/> consumes the next document's
/// tokens and files them under its kind (adjacent documents of a kind merge into one range) and counts them per source.
/// </summary>
internal sealed class SplitWalk(string name, ExportSplit split, int eosId) : IDisposable
{
    private readonly IEnumerator<long> _lengths = (split.IndexedDocuments ? split.IndexedDocumentLengths() : split.EndOfTextStretches(eosId)).GetEnumerator();
    private readonly Dictionary<string, List<(long Start, long End)>> _ranges = new(StringComparer.Ordinal);
    private long _position;

    /// <summary>Documents and tokens seen per source.</summary>
    public Dictionary<string, (long Documents, long Tokens)> Sources { get; } = new(StringComparer.Ordinal);

    /// <summary>Consumes one document that spans <paramref name="stretches"/> end-of-text stretches (ignored with an index); false when the split ran out.</summary>
    public bool Take(string kind, string source, int stretches)
    {
        long length = 0;
        for (var i = 0; i < (split.IndexedDocuments ? 1 : stretches); i++)
        {
            if (!_lengths.MoveNext())
                return false;
            length += _lengths.Current;
        }
        if (!_ranges.TryGetValue(kind, out var ranges))
            _ranges[kind] = ranges = [];
        if (ranges.Count > 0 && ranges[^1].End == _position)
            ranges[^1] = (ranges[^1].Start, _position + length);
        else
            ranges.Add((_position, _position + length));
        _position += length;
        var (documents, tokens) = Sources.GetValueOrDefault(source);
        Sources[source] = (documents + 1, tokens + length);
        return true;
    }

    /// <summary>Null when every token was accounted for, else what was left over.</summary>
    public string? Finish() => _lengths.MoveNext() || _position != split.Tokens
        ? $"the {name} split holds more tokens than the snapshot's documents account for"
        : null;

    /// <summary>The spans of a kind, and how many tokens they hold.</summary>
    public (IReadOnlyList<TokenSpan> Spans, long Tokens) Of(string kind) => _ranges.TryGetValue(kind, out var ranges)
        ? (ranges.SelectMany(r => split.Spans(r.Start, r.End)).ToList(), ranges.Sum(r => r.End - r.Start))
        : ([], 0);

    /// <summary>The kinds seen.</summary>
    public IEnumerable<string> Kinds => _ranges.Keys;

    public void Dispose() => _lengths.Dispose();
}
