using MusicPile.Tokenize;
using MusicPile.Train;

namespace MusicPile.Serve;

/// <summary>
/// Reads a serving checkpoint: <c>config.json</c> + <c>model.safetensors</c> (Hugging Face LLaMA layout) and a tokenizer,
/// either <c>tokenizer.model</c> (SentencePiece) or the tokenizer spec named in its <see cref="CheckpointMetadata"/>
/// (<c>musicpile.json</c>), whose vocabulary hash is checked. A <c>tokenizer.model</c> wins when both exist.
/// </summary>
public static class CheckpointLoader
{
    /// <summary>The SentencePiece model file name.</summary>
    public const string SentencePieceFile = "tokenizer.model";

    /// <summary>The tokenizer spec of a checkpoint folder, without loading anything.</summary>
    public static string ResolveTokenizerSpec(string directory) => ResolveTokenizerSpec(directory, CheckpointMetadata.Load(directory));

    /// <summary>Loads the tokenizer and the model, on the device <paramref name="device"/> resolves to on this machine.</summary>
    public static async Task<LoadedCheckpoint> LoadAsync(string directory, ComputeDevice device = ComputeDevice.Auto, string? tokenizerCacheDirectory = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!System.IO.Directory.Exists(directory))
            throw new DirectoryNotFoundException($"checkpoint folder not found: {directory}");
        var target = ComputeTarget.ResolveDevice(device);
        var metadata = CheckpointMetadata.Load(directory);
        var spec = ResolveTokenizerSpec(directory, metadata);
        var tokenizer = await TokenizerFactory.CreateAsync(spec, tokenizerCacheDirectory, cancellationToken).ConfigureAwait(false);
        if (metadata?.VocabHash is { Length: > 0 } expected && !string.Equals(expected, tokenizer.VocabularyHash, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{directory}: tokenizer '{spec}' has vocabulary hash {tokenizer.VocabularyHash}, the checkpoint expects {expected}");
        var model = await Task.Run(() => HfCheckpoint.Load(directory, target), cancellationToken).ConfigureAwait(false);
        if (tokenizer.VocabSize > model.Config.VocabSize)
        {
            model.Dispose();
            throw new InvalidDataException($"{directory}: tokenizer has {tokenizer.VocabSize} ids but the model only {model.Config.VocabSize}");
        }
        model.eval();
        return new LoadedCheckpoint(Path.GetFullPath(directory), model, tokenizer, target);
    }

    private static string ResolveTokenizerSpec(string directory, CheckpointMetadata? metadata)
    {
        var spm = Path.Combine(directory, SentencePieceFile);
        if (File.Exists(spm))
            return "sentencepiece:" + Path.GetFullPath(spm);
        if (metadata?.Tokenizer is { Length: > 0 } spec)
            return spec;
        throw new InvalidDataException($"{directory}: no {SentencePieceFile} and no tokenizer named in {CheckpointMetadata.FileName}");
    }
}
