using System.Text.Json.Serialization;

namespace MusicPile.Serve;

/// <summary>The <c>musicpile.json</c> of a checkpoint: which tokenizer spec it was trained with and that vocabulary's hash.</summary>
internal sealed record CheckpointManifest(
    [property: JsonPropertyName("tokenizer")] string? Tokenizer,
    [property: JsonPropertyName("vocab_hash")] string? VocabHash);
