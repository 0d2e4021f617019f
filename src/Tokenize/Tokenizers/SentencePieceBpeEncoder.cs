using System.Text;
using Microsoft.ML.Tokenizers;

namespace MusicPile.Tokenize;

/// <summary>
/// Encodes exactly as SentencePiece's BPE model does (Microsoft.ML.Tokenizers breaks equal-score ties differently):
/// normalise, cut the text where no piece can span the cut, and run <see cref="BpeMerger"/> on each part, with
/// results of short parts remembered per thread. Thread-safe.
/// </summary>
internal sealed class SentencePieceBpeEncoder
{
    private const char Space = '\u2581';
    // Parts are mostly single words; the limits keep each thread's cache to a few MB.
    private const int MaxCachedLength = 64;
    private const int MaxCachedEntries = 1 << 15;
    private const int MaxKeptBufferChars = 1 << 20;

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _pieces;
    private readonly float[] _scores;
    private readonly int[] _byteIds;
    private readonly int _unknownId;
    private readonly SentencePieceNormalization _normalization;
    private readonly ThreadLocal<WorkState> _work;

    private SentencePieceBpeEncoder(SentencePieceModelPieces model, SentencePieceNormalization normalization, bool byteFallback)
    {
        var pieces = new Dictionary<string, int>(model.Pieces.Length, StringComparer.Ordinal);
        _byteIds = new int[256];
        Array.Fill(_byteIds, -1);
        for (var id = 0; id < model.Pieces.Length; id++)
        {
            var piece = model.Pieces[id];
            switch (model.Types[id])
            {
                case SentencePieceType.Normal:
                    pieces.TryAdd(piece, id);
                    MaxPieceLength = Math.Max(MaxPieceLength, piece.Length);
                    break;
                case SentencePieceType.Unknown:
                    _unknownId = id;
                    break;
                case SentencePieceType.Byte when byteFallback && piece.Length == 6 && piece.StartsWith("<0x", StringComparison.Ordinal):
                    _byteIds[Convert.ToByte(piece[3..5], 16)] = id;
                    break;
            }
        }
        _pieces = pieces.GetAlternateLookup<ReadOnlySpan<char>>();
        _scores = model.Scores;
        _normalization = normalization;
        var boundaries = new PartBoundaries(pieces.Keys, normalization.EscapeWhiteSpaces ? Space : ' ');
        _work = new ThreadLocal<WorkState>(() => new WorkState(this, boundaries));
    }

    /// <summary>Length in chars of the longest piece; no longer concatenation needs a look-up.</summary>
    public int MaxPieceLength { get; }

    /// <summary>
    /// An encoder for <paramref name="tokenizer"/>'s model, or null when the model is not BPE or uses what this
    /// encoder leaves to the loader (user-defined or unused pieces, whitespace as suffix).
    /// </summary>
    public static SentencePieceBpeEncoder? TryCreate(ReadOnlySpan<byte> modelBytes, SentencePieceTokenizer tokenizer)
    {
        var model = SentencePieceModelPieces.Read(modelBytes);
        if (model.ModelType != SentencePieceModelPieces.ModelTypeBpe || tokenizer.TreatWhitespaceAsSuffix
            || model.Types.Any(t => t is SentencePieceType.UserDefined or SentencePieceType.Unused))
            return null;
        foreach (var (piece, id) in tokenizer.Vocabulary)
        {
            if (id >= model.Pieces.Length || model.Pieces[id] != piece)
                throw new InvalidDataException($"the loaded vocabulary gives '{piece}' id {id}, the model file does not");
        }
        var removeExtra = tokenizer.Normalizer is SentencePieceNormalizer { RemoveExtraWhiteSpaces: true };
        var normalization = new SentencePieceNormalization(tokenizer.AddDummyPrefix, tokenizer.EscapeWhiteSpaces, removeExtra);
        return new SentencePieceBpeEncoder(model, normalization, tokenizer.ByteFallback);
    }

    /// <summary>Appends the ids of <paramref name="text"/>, without BOS or EOS, to <paramref name="ids"/>.</summary>
    public void Encode(ReadOnlySpan<char> text, List<int> ids)
    {
        var work = _work.Value!;
        var normalized = _normalization.Apply(text, ref work.Buffer);
        var start = 0;
        for (var at = 1; at <= normalized.Length; at++)
        {
            if (at < normalized.Length && !work.Boundaries.IsCut(normalized, at))
                continue;
            EncodePart(work, normalized[start..at], ids);
            start = at;
        }
        if (work.Buffer.Length > MaxKeptBufferChars)
            work.Buffer = new char[256];
    }

    /// <summary>Id of a normal piece, or -1.</summary>
    public int PieceId(ReadOnlySpan<char> piece) => _pieces.TryGetValue(piece, out var id) ? id : -1;

    public float Score(int id) => _scores[id];

    /// <summary>Appends a final symbol: its piece id, else its UTF-8 bytes as byte pieces, else the unknown id.</summary>
    public void AppendSymbol(ReadOnlySpan<char> symbol, int id, List<int> ids)
    {
        if (id >= 0)
        {
            ids.Add(id);
            return;
        }
        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(symbol.Length)];
        var count = Encoding.UTF8.GetBytes(symbol, utf8);
        foreach (var b in utf8[..count])
        {
            if (_byteIds[b] < 0)
            {
                ids.Add(_unknownId);
                return;
            }
        }
        foreach (var b in utf8[..count])
            ids.Add(_byteIds[b]);
    }

    private static void EncodePart(WorkState work, ReadOnlySpan<char> part, List<int> ids)
    {
        if (part.Length > MaxCachedLength)
        {
            work.Merger.Encode(part, ids);
            return;
        }
        if (work.Cache.TryGetValue(part, out var slot))
        {
            ids.AddRange(work.CachedIds.AsSpan(slot.Offset, slot.Count));
            return;
        }
        var first = ids.Count;
        work.Merger.Encode(part, ids);
        work.Remember(part, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ids)[first..]);
    }

    private sealed class WorkState
    {
        private readonly Dictionary<string, (int Offset, int Count)> _entries = new(StringComparer.Ordinal);
        private int _cachedCount;

        public WorkState(SentencePieceBpeEncoder encoder, PartBoundaries boundaries)
        {
            Merger = new BpeMerger(encoder);
            Boundaries = boundaries;
            Cache = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public char[] Buffer = new char[256];
        public int[] CachedIds = new int[4096];

        public BpeMerger Merger { get; }

        public PartBoundaries Boundaries { get; }

        public Dictionary<string, (int Offset, int Count)>.AlternateLookup<ReadOnlySpan<char>> Cache { get; }

        public void Remember(ReadOnlySpan<char> part, ReadOnlySpan<int> ids)
        {
            if (_entries.Count >= MaxCachedEntries)
            {
                _entries.Clear();
                _cachedCount = 0;
            }
            if (_cachedCount + ids.Length > CachedIds.Length)
                Array.Resize(ref CachedIds, Math.Max(2 * CachedIds.Length, _cachedCount + ids.Length));
            ids.CopyTo(CachedIds.AsSpan(_cachedCount));
            _entries[part.ToString()] = (_cachedCount, ids.Length);
            _cachedCount += ids.Length;
        }
    }
}
