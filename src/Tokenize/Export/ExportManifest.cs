using System.Text.Json;
using System.Text.Json.Serialization;

namespace MusicPile.Tokenize;

/// <summary>What an export wrote, saved as <c>manifest.json</c> beside the files.</summary>
public sealed record ExportManifest(
    string TokenizerId,
    string VocabularyHash,
    int VocabSize,
    int EosId,
    ShardFormat Format,
    int? SequenceLength,
    double ValidationFraction,
    IReadOnlyList<ExportShard> Shards,
    IReadOnlyList<SourceTokenCount> Sources,
    IReadOnlyDictionary<string, long> TokensBySplit)
{
    /// <summary>The file name used beside the shards.</summary>
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Writes the manifest as JSON to <paramref name="path"/>.</summary>
    public async Task WriteAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, this, Json, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a manifest written by <see cref="WriteAsync"/>.</summary>
    public static async Task<ExportManifest> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<ExportManifest>(stream, Json, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"{path}: empty manifest");
    }
}
