using System.Text.Json;
using System.Text.Json.Serialization;
using MusicPile.Tokenize;

namespace MusicPile.Train;

/// <summary>
/// The <c>musicpile.json</c> beside a checkpoint's weights: the tokenizer (the spec that rebuilds it, its id, its
/// vocabulary hash and end-of-sequence id) and where the weights came from (snapshot, export, training run, step).
/// Training writes it; serving and evaluation read it. Every field may be missing in a folder made elsewhere.
/// </summary>
public sealed record CheckpointMetadata
{
    /// <summary>The file name inside a checkpoint folder.</summary>
    public const string FileName = "musicpile.json";

    /// <summary>Tokenizer spec for <c>TokenizerFactory.CreateAsync</c>, e.g. <c>tiktoken:gpt2</c> or <c>llama2</c>.</summary>
    [JsonPropertyName("tokenizer")] public string? Tokenizer { get; init; }

    /// <summary>The tokenizer's own id.</summary>
    [JsonPropertyName("tokenizer_id")] public string? TokenizerId { get; init; }

    /// <summary>Hash of the tokenizer's vocabulary; a loader refuses a tokenizer with another.</summary>
    [JsonPropertyName("vocab_hash")] public string? VocabHash { get; init; }

    /// <summary>The end-of-sequence id the model was trained with.</summary>
    [JsonPropertyName("eos_id")] public int? EosId { get; init; }

    /// <summary>The snapshot the training data came from.</summary>
    [JsonPropertyName("snapshot")] public string? Snapshot { get; init; }

    /// <summary>The token export trained on.</summary>
    [JsonPropertyName("export")] public string? Export { get; init; }

    /// <summary>The training run's id in the catalog.</summary>
    [JsonPropertyName("train_run")] public long? TrainRun { get; init; }

    /// <summary>The optimiser step the weights were saved at.</summary>
    [JsonPropertyName("step")] public int? Step { get; init; }

    /// <summary>The tokenizer fields for <paramref name="tokenizer"/>, built from <paramref name="spec"/>.</summary>
    public static CheckpointMetadata ForTokenizer(string spec, MusicTokenizer tokenizer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        ArgumentNullException.ThrowIfNull(tokenizer);
        return new() { Tokenizer = spec, TokenizerId = tokenizer.Id, VocabHash = tokenizer.VocabularyHash, EosId = tokenizer.EosId };
    }

    /// <summary>Reads the file of a checkpoint folder; null when it has none. A file that is not this JSON is a <see cref="TrainFormatException"/>.</summary>
    public static CheckpointMetadata? Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize<CheckpointMetadata>(File.ReadAllText(path), JsonOptions)
                ?? throw new TrainFormatException($"{path}: empty");
        }
        catch (JsonException e)
        {
            throw new TrainFormatException($"{path}: malformed: {e.Message}", e);
        }
    }

    /// <summary>Writes the file into a checkpoint folder (flushed to disk), replacing any earlier one.</summary>
    public void Save(string directory) =>
        HfCheckpoint.WriteDurably(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, JsonOptions));

    private static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}
