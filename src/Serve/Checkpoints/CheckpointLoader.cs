using System.Text.Json;
using MusicPile.Tokenize;
using MusicPile.Train;
using TorchSharp;
using static TorchSharp.torch;

namespace MusicPile.Serve;

/// <summary>
/// Reads a serving checkpoint: <c>config.json</c> + <c>model.safetensors</c> (Hugging Face LLaMA layout) and a tokenizer,
/// either <c>tokenizer.model</c> (SentencePiece) or <c>musicpile.json</c> naming a tokenizer spec
/// (<c>{"tokenizer": "tiktoken:gpt2", "vocab_hash": "..."}</c>). A <c>tokenizer.model</c> wins when both exist.
/// </summary>
public static class CheckpointLoader
{
    /// <summary>The SentencePiece model file name.</summary>
    public const string SentencePieceFile = "tokenizer.model";

    /// <summary>The MusicPile manifest file name.</summary>
    public const string ManifestFile = "musicpile.json";

    /// <summary>The tokenizer spec of a checkpoint folder, without loading anything.</summary>
    public static string ResolveTokenizerSpec(string directory)
    {
        var spm = Path.Combine(directory, SentencePieceFile);
        if (File.Exists(spm))
            return "sentencepiece:" + Path.GetFullPath(spm);
        var manifest = ReadManifest(directory);
        if (manifest?.Tokenizer is { Length: > 0 } spec)
            return spec;
        throw new InvalidDataException($"{directory}: no {SentencePieceFile} and no tokenizer named in {ManifestFile}");
    }

    /// <summary>Loads the tokenizer and the model (on <paramref name="device"/>: <c>auto</c>, <c>cpu</c> or <c>cuda</c>).</summary>
    public static async Task<LoadedCheckpoint> LoadAsync(string directory, string device = "auto", string? tokenizerCacheDirectory = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!System.IO.Directory.Exists(directory))
            throw new DirectoryNotFoundException($"checkpoint folder not found: {directory}");
        var spec = ResolveTokenizerSpec(directory);
        var tokenizer = await TokenizerFactory.CreateAsync(spec, tokenizerCacheDirectory, cancellationToken).ConfigureAwait(false);
        var manifest = ReadManifest(directory);
        if (manifest?.VocabHash is { Length: > 0 } expected && !string.Equals(expected, tokenizer.VocabularyHash, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{directory}: tokenizer '{spec}' has vocabulary hash {tokenizer.VocabularyHash}, the checkpoint expects {expected}");
        var target = PickDevice(device);
        var model = await Task.Run(() => HfCheckpoint.Load(directory, target), cancellationToken).ConfigureAwait(false);
        if (tokenizer.VocabSize > model.Config.VocabSize)
        {
            model.Dispose();
            throw new InvalidDataException($"{directory}: tokenizer has {tokenizer.VocabSize} ids but the model only {model.Config.VocabSize}");
        }
        model.eval();
        return new LoadedCheckpoint(Path.GetFullPath(directory), model, tokenizer, target);
    }

    /// <summary>Writes <c>musicpile.json</c> naming <paramref name="tokenizer"/> into a checkpoint folder.</summary>
    public static async Task WriteManifestAsync(string directory, MusicTokenizer tokenizer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        var manifest = new CheckpointManifest(tokenizer.Id, tokenizer.VocabularyHash);
        await using var stream = File.Create(Path.Combine(directory, ManifestFile));
        await JsonSerializer.SerializeAsync(stream, manifest, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The device a name stands for; <c>auto</c> picks CUDA when torch sees one.</summary>
    public static Device PickDevice(string device) => device switch
    {
        "cpu" => CPU,
        "cuda" => CUDA,
        "auto" => cuda.is_available() ? CUDA : CPU,
        _ => throw new ArgumentException($"unknown device '{device}': use auto, cpu or cuda", nameof(device)),
    };

    private static CheckpointManifest? ReadManifest(string directory)
    {
        var path = Path.Combine(directory, ManifestFile);
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize<CheckpointManifest>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: malformed: {e.Message}", e);
        }
    }
}
