using System.Globalization;
using System.Text.Json;
using MusicPile.Dedup.Steps;
using MusicPile.Dedup.Storage;

namespace MusicPile.Dedup;

/// <summary>
/// The persisted dedup index of a snapshot: what later runs need to drop documents that duplicate it,
/// without recomputing its signatures. A folder holding <c>index.json</c> (format name, version, hash
/// settings, document count, every file with its record count) and record files that each carry a
/// checked header: <c>documents.bin</c>, <c>signatures.bin</c>, <c>exact.bin</c>, <c>music.bin</c> and
/// <c>band-NNN.bin</c> per band. Opening checks all of it against the options of the run.
/// </summary>
public sealed class DedupIndex
{
    /// <summary>Value of <c>format</c> in <c>index.json</c>.</summary>
    public const string FormatName = "musicpile-dedup-index";

    /// <summary>Version of the folder layout; a different version is refused on open.</summary>
    public const int FormatVersion = 1;

    internal const string ManifestFile = "index.json";
    internal const string DocumentsFile = "documents.bin";
    internal const string SignaturesFile = "signatures.bin";
    internal const string ExactFile = "exact.bin";
    internal const string MusicFile = "music.bin";

    private DedupIndex(string directory, long documents, int hashCount, int bands)
    {
        Directory = directory;
        Documents = documents;
        HashCount = hashCount;
        Bands = bands;
    }

    /// <summary>The index folder.</summary>
    public string Directory { get; }

    /// <summary>Kept documents the index holds.</summary>
    public long Documents { get; }

    internal int HashCount { get; }

    internal int Bands { get; }

    internal string PathOf(string file) => Path.Combine(Directory, file);

    internal static string BandFile(int band) => $"band-{band.ToString("D3", CultureInfo.InvariantCulture)}.bin";

    /// <summary>Opens and checks an index folder; throws <see cref="DedupFormatException"/> when it does not fit <paramref name="options"/>.</summary>
    public static async Task<DedupIndex> OpenAsync(string directory, DedupOptions options, CancellationToken ct = default)
    {
        options.Validate();
        var manifestPath = Path.Combine(directory, ManifestFile);
        if (!File.Exists(manifestPath))
            throw new DedupFormatException(directory, "no index.json: not a finished dedup index");
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(manifestPath, ct).ConfigureAwait(false));
        var root = json.RootElement;
        Expect(manifestPath, root, "format", FormatName);
        Expect(manifestPath, root, "version", FormatVersion.ToString(CultureInfo.InvariantCulture));
        foreach (var (name, value) in DedupIndexWriter.Settings(options))
            Expect(manifestPath, root, name, value);
        var documents = root.GetProperty("documents").GetInt64();
        var index = new DedupIndex(directory, documents, options.HashCount, options.Bands);

        var files = root.GetProperty("files");
        await CheckAsync<IndexDocument>(index, files, DocumentsFile, RecordKind.Documents, documents, 1, ct).ConfigureAwait(false);
        await CheckAsync<ulong>(index, files, SignaturesFile, RecordKind.Signatures, documents, options.HashCount, ct).ConfigureAwait(false);
        await CheckAsync<IndexExact>(index, files, ExactFile, RecordKind.ExactKeys, null, 1, ct).ConfigureAwait(false);
        await CheckAsync<IndexMusic>(index, files, MusicFile, RecordKind.MusicKeys, null, 1, ct).ConfigureAwait(false);
        for (var b = 0; b < options.Bands; b++)
            await CheckAsync<IndexBand>(index, files, BandFile(b), RecordKind.BandBuckets, null, 1, ct).ConfigureAwait(false);
        return index;
    }

    private static void Expect(string path, JsonElement root, string name, string value)
    {
        if (!root.TryGetProperty(name, out var actual))
            throw new DedupFormatException(path, $"missing '{name}'");
        var text = actual.ValueKind == JsonValueKind.String ? actual.GetString() : actual.GetRawText();
        if (text != value)
            throw new DedupFormatException(path, $"'{name}' is {text}, this run uses {value}");
    }

    private static async Task CheckAsync<T>(DedupIndex index, JsonElement files, string file, RecordKind kind, long? count, int width, CancellationToken ct)
        where T : unmanaged
    {
        var path = index.PathOf(file);
        await using var reader = await RecordReader<T>.OpenAsync(path, kind, ct, 4096, width).ConfigureAwait(false);
        if (!files.TryGetProperty(file, out var listed) || listed.GetInt64() != reader.Count)
            throw new DedupFormatException(path, "record count differs from index.json");
        if (count is { } expected && reader.Count != expected)
            throw new DedupFormatException(path, $"{reader.Count} records, index.json says {expected} documents");
    }
}
