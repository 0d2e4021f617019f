namespace MusicPile.Train;

/// <summary>
/// Spans of token files read as one stream, in order (one document kind's documents in an export, or an export's
/// shards one after another). The files belong to the caller, which disposes them.
/// </summary>
internal sealed class SpanTokens : ITokenSource
{
    private readonly (TokenFile File, long Start, long Count)[] _pieces;
    private readonly long[] _offsets;

    public SpanTokens(IReadOnlyList<TokenSpan> spans, Func<string, TokenFile> open)
    {
        _pieces = new (TokenFile, long, long)[spans.Count];
        _offsets = new long[spans.Count];
        long length = 0;
        for (var i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            var file = open(span.Path);
            var count = span.Count ?? file.Length - span.Start;
            if (span.Start < 0 || count < 0 || span.Start + count > file.Length)
                throw new TrainFormatException($"{span.Path}: tokens [{span.Start}, {span.Start + count}) lie outside its {file.Length} tokens");
            _pieces[i] = (file, span.Start, count);
            _offsets[i] = length;
            length += count;
        }
        Length = length;
    }

    /// <inheritdoc/>
    public long Length { get; }

    /// <summary>A description for messages: the first file and how many spans.</summary>
    public string Describe() => _pieces.Length switch
    {
        0 => "(no token spans)",
        1 => _pieces[0].File.Path,
        _ => $"{_pieces.Length} spans of {_pieces[0].File.Path} and others",
    };

    /// <inheritdoc/>
    public void Read(long start, Span<long> destination)
    {
        if (start < 0 || start + destination.Length > Length)
            throw new ArgumentOutOfRangeException(nameof(start), $"tokens [{start}, {start + destination.Length}) exceed {Length}");
        var index = Array.BinarySearch(_offsets, start);
        if (index < 0)
            index = ~index - 1;
        while (destination.Length > 0)
        {
            var (file, pieceStart, count) = _pieces[index];
            var within = start - _offsets[index];
            var take = (int)Math.Min(destination.Length, count - within);
            if (take > 0)
            {
                file.Read(pieceStart + within, destination[..take]);
                destination = destination[take..];
                start += take;
            }
            index++;
        }
    }
}
