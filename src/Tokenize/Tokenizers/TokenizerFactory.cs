using System.Globalization;
using System.Security.Cryptography;
using Microsoft.ML.Tokenizers;

namespace MusicPile.Tokenize;

/// <summary>
/// Makes a <see cref="MusicTokenizer"/> from one spec string:
/// <c>llama2</c>, <c>sentencepiece:PATH</c>, <c>tiktoken:gpt2|cl100k_base|o200k_base</c>,
/// or <c>train-spm:VOCAB_SIZE:TEXT_FILE</c> (trains once into the cache, then loads).
/// </summary>
public static class TokenizerFactory
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> TiktokenHashes = new(StringComparer.Ordinal);

    /// <summary>Creates the tokenizer named by <paramref name="spec"/>; <paramref name="cacheDirectory"/> defaults to <see cref="TokenizerCache.DefaultDirectory"/>.</summary>
    public static async Task<MusicTokenizer> CreateAsync(string spec, string? cacheDirectory = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? spec : spec[..colon];
        var argument = colon < 0 ? "" : spec[(colon + 1)..];
        switch (kind)
        {
            case "llama2" when argument.Length == 0:
                var model = await Llama2Package.EnsureModelAsync(cacheDirectory, cancellationToken).ConfigureAwait(false);
                return await LoadSentencePieceAsync(spec, model, cancellationToken).ConfigureAwait(false);
            case "sentencepiece" when argument.Length > 0:
                return await LoadSentencePieceAsync(spec, argument, cancellationToken).ConfigureAwait(false);
            case "tiktoken" when argument.Length > 0:
                return CreateTiktoken(spec, argument);
            case "train-spm":
                return await TrainAsync(spec, argument, cacheDirectory, cancellationToken).ConfigureAwait(false);
            default:
                throw new ArgumentException($"unknown tokenizer spec '{spec}': use llama2, sentencepiece:PATH, tiktoken:gpt2|cl100k_base|o200k_base or train-spm:VOCAB:TEXT", nameof(spec));
        }
    }

    /// <summary>
    /// Loads any SentencePiece <c>tokenizer.model</c> (BPE models with byte fallback work best); BPE models are then
    /// encoded by <see cref="SentencePieceBpeEncoder"/>, which breaks score ties as SentencePiece does.
    /// </summary>
    public static async Task<MusicTokenizer> LoadSentencePieceAsync(string id, string modelPath, CancellationToken cancellationToken = default)
    {
        var bytes = await File.ReadAllBytesAsync(modelPath, cancellationToken).ConfigureAwait(false);
        using var stream = new MemoryStream(bytes);
        var tokenizer = LlamaTokenizer.Create(stream, addBeginOfSentence: false, addEndOfSentence: false);
        var hash = MusicTokenizer.HashVocabulary(tokenizer.Vocabulary);
        var size = tokenizer.Vocabulary.Values.Max() + 1;
        var bpe = SentencePieceBpeEncoder.TryCreate(bytes, tokenizer);
        return new MusicTokenizer(id, tokenizer, tokenizer.EndOfSentenceId, size, hash, bpe);
    }

    private static MusicTokenizer CreateTiktoken(string spec, string encoding)
    {
        var tokenizer = encoding switch
        {
            "gpt2" => TiktokenTokenizer.CreateForModel("gpt2"),
            "cl100k_base" or "o200k_base" => TiktokenTokenizer.CreateForEncoding(encoding),
            _ => throw new ArgumentException($"unknown tiktoken encoding '{encoding}': use gpt2, cl100k_base or o200k_base", nameof(spec)),
        };
        var specials = tokenizer.SpecialTokens ?? new Dictionary<string, int>();
        var size = specials.Count == 0 ? 0 : specials.Values.Max() + 1;
        var eos = specials.TryGetValue("<|endoftext|>", out var endOfText) ? endOfText : size - 1;
        var hash = TiktokenHashes.GetOrAdd(encoding, _ => HashByDecoding(tokenizer, size));
        return new MusicTokenizer(spec, tokenizer, eos, size, hash);
    }

    /// <summary>
    /// Tiktoken's byte-level table is not public, so its vocabulary is fingerprinted through each id's decoded text;
    /// ids that decode to nothing (gaps) are left out.
    /// </summary>
    private static string HashByDecoding(Tokenizer tokenizer, int size)
    {
        var pieces = new List<KeyValuePair<string, int>>(size);
        var one = new int[1];
        for (var id = 0; id < size; id++)
        {
            one[0] = id;
            var text = tokenizer.Decode(one);
            if (!string.IsNullOrEmpty(text))
                pieces.Add(new KeyValuePair<string, int>(text, id));
        }
        return MusicTokenizer.HashVocabulary(pieces);
    }

    private static async Task<MusicTokenizer> TrainAsync(string spec, string argument, string? cacheDirectory, CancellationToken cancellationToken)
    {
        var colon = argument.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !int.TryParse(argument.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var vocabSize))
            throw new ArgumentException($"train-spm spec needs VOCAB_SIZE:TEXT_FILE, got '{spec}'", nameof(spec));
        var textFile = Path.GetFullPath(argument[(colon + 1)..]);
        string key;
        await using (var text = File.OpenRead(textFile))
            key = Convert.ToHexStringLower(await SHA256.HashDataAsync(text, cancellationToken).ConfigureAwait(false))[..16];
        var dir = Path.Combine(cacheDirectory ?? TokenizerCache.DefaultDirectory, "spm", $"{key}-{vocabSize}");
        var model = Path.Combine(dir, "spm.model");
        if (!File.Exists(model))
            model = await SentencePieceTrainer.TrainAsync(textFile, vocabSize, dir, cancellationToken).ConfigureAwait(false);
        return await LoadSentencePieceAsync(spec, model, cancellationToken).ConfigureAwait(false);
    }
}
