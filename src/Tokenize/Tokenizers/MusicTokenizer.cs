using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace MusicPile.Tokenize;

/// <summary>
/// A tokenizer with ChatMusician's conventions: no BOS is added, and each literal <c>&lt;/s&gt;</c> in the text
/// becomes the end-of-sequence id while the text between is encoded normally (for SentencePiece models each
/// stretch gets the dummy-prefix space, as LLaMA's legacy tokenizer does).
/// </summary>
public sealed class MusicTokenizer
{
    /// <summary>The literal that marks the end of a turn or record in ChatMusician's text.</summary>
    public const string EosLiteral = "</s>";

    private readonly SentencePieceTokenizer? _sentencePiece;
    private readonly SentencePieceBpeEncoder? _bpe;

    internal MusicTokenizer(string id, Tokenizer inner, int eosId, int vocabSize, string vocabularyHash, SentencePieceBpeEncoder? bpe = null)
    {
        _bpe = bpe;
        Id = id;
        Inner = inner;
        EosId = eosId;
        VocabSize = vocabSize;
        VocabularyHash = vocabularyHash;
        _sentencePiece = inner as SentencePieceTokenizer;
    }

    /// <summary>The spec this tokenizer was made from, e.g. <c>llama2</c> or <c>tiktoken:gpt2</c>.</summary>
    public string Id { get; }

    /// <summary>Lowercase hex sha256 over the vocabulary in id order (see <see cref="HashVocabulary"/>).</summary>
    public string VocabularyHash { get; }

    /// <summary>The end-of-sequence id (2 for LLaMA-2, 50256 for gpt2).</summary>
    public int EosId { get; }

    /// <summary>One more than the largest id, special tokens included.</summary>
    public int VocabSize { get; }

    /// <summary>
    /// The Microsoft.ML.Tokenizers object underneath: it loaded the model and decodes; SentencePiece BPE models are
    /// encoded by <see cref="SentencePieceBpeEncoder"/> instead, so this object's own encoding may differ on ties.
    /// </summary>
    public Tokenizer Inner { get; }

    /// <summary>Encodes <paramref name="text"/> with the conventions above.</summary>
    public int[] Encode(string text)
    {
        var ids = new List<int>(text.Length / 3 + 4);
        EncodeInto(text, ids);
        return ids.ToArray();
    }

    /// <summary>Appends the ids of <paramref name="text"/> to <paramref name="ids"/>.</summary>
    public void EncodeInto(string text, List<int> ids)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = 0;
        while (start <= text.Length)
        {
            var eos = text.IndexOf(EosLiteral, start, StringComparison.Ordinal);
            var end = eos < 0 ? text.Length : eos;
            if (end > start)
                EncodeStretch(text.AsSpan(start, end - start), ids);
            if (eos < 0)
                break;
            ids.Add(EosId);
            start = eos + EosLiteral.Length;
        }
    }

    /// <summary>Decodes ids to text, special tokens included as their text.</summary>
    public string Decode(IEnumerable<int> ids) => _sentencePiece is { } sp
        ? sp.Decode(ids, considerSpecialTokens: true)
        : Inner.Decode(ids);

    private void EncodeStretch(ReadOnlySpan<char> text, List<int> ids)
    {
        if (_bpe is { } bpe)
            bpe.Encode(text, ids);
        else if (_sentencePiece is { } sp)
            ids.AddRange(sp.EncodeToIds(text, addBeginningOfSentence: false, addEndOfSentence: false));
        else
            ids.AddRange(Inner.EncodeToIds(text));
    }

    /// <summary>
    /// sha256 over (uint32 LE id, uint32 LE byte length, bytes) for each id in ascending order, so that two tokenizers
    /// with the same hash give every id the same piece.
    /// </summary>
    public static string HashVocabulary(IEnumerable<KeyValuePair<int, ReadOnlyMemory<byte>>> pieces)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> header = stackalloc byte[8];
        foreach (var (id, bytes) in pieces.OrderBy(p => p.Key))
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)id);
            BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)bytes.Length);
            sha.AppendData(header);
            sha.AppendData(bytes.Span);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    internal static string HashVocabulary(IEnumerable<KeyValuePair<string, int>> pieces) =>
        HashVocabulary(pieces.Select(p => new KeyValuePair<int, ReadOnlyMemory<byte>>(p.Value, Encoding.UTF8.GetBytes(p.Key))));
}
