using System.Text.Json.Serialization;

namespace MusicPile.Serve.Corpus;

/// <summary>
/// One tune found by the corpus browser. The id goes out as a JSON string: ids are 63-bit, and a JavaScript number
/// keeps only 53 bits, so a page that parsed it as a number would show an id that names no document.
/// </summary>
internal sealed record CorpusTune(
    [property: JsonPropertyName("id"), JsonNumberHandling(JsonNumberHandling.WriteAsString)] long Id,
    [property: JsonPropertyName("src")] string Src,
    [property: JsonPropertyName("key")] string? Key,
    [property: JsonPropertyName("meter")] string? Meter,
    [property: JsonPropertyName("text")] string Text);

/// <summary>A snapshot as the corpus browser lists it.</summary>
internal sealed record CorpusSnapshot(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("parent")] string? Parent,
    [property: JsonPropertyName("documents")] long Documents,
    [property: JsonPropertyName("files")] long Files,
    [property: JsonPropertyName("created_at")] DateTime CreatedAt);

/// <summary>What a search found and how much it read.</summary>
internal sealed record CorpusSearchResult(
    [property: JsonPropertyName("tunes")] IReadOnlyList<CorpusTune> Tunes,
    [property: JsonPropertyName("scanned")] long Scanned,
    [property: JsonPropertyName("truncated")] bool Truncated);

/// <summary>A search over one snapshot: each filter, when set, must match exactly (key and meter ignore case and spaces).</summary>
internal sealed record CorpusQuery(string SnapshotId, string? Key, string? Meter, string? Source, int Limit);
