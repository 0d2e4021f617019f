using System.Runtime.CompilerServices;
using System.Text.Json;
using MusicPile.Core;
using MusicPile.Core.Catalog;
using MusicPile.Core.Parquet;
using MusicPile.Core.Records;
using MusicPile.Core.Text;
using Npgsql;

namespace MusicPile.Tokenize;

/// <summary>
/// <c>musicpile export --snapshot ID --tokenizer llama2 --format megatron</c>: tokenizes a snapshot's documents into
/// shards and records the export (tokenizer id, vocabulary hash, files with checksums) in the catalog. The export id
/// is a hash of the snapshot and the options, so asking again for the same export finds the one already made.
/// </summary>
public static class SnapshotExporter
{
    public sealed record ExportRow(string Id, string SnapshotId, string Tokenizer, string VocabHash, string Format, string OutDir, long Tokens);

    public static string ExportId(string snapshotId, ExportOptions o, string? kind = null) =>
        "e-" + ContentHash.Of(JsonSerializer.Serialize(new
        {
            snapshotId, kind, o.Tokenizer, Format = o.Format.ToString(), o.Prefix, o.ValidationFraction, o.SplitSalt,
            Weights = o.SourceWeights.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList(), o.SequenceLength, o.ShardTokens, o.AppendEos,
        }))[..12];

    /// <summary>
    /// The export of a snapshot with these options, made now if the catalog has none. With <paramref name="kind"/>
    /// only documents of that kind (abc, text, chat, sft) are exported, so a trainer can report each apart.
    /// </summary>
    public static async Task<(ExportRow Row, ExportManifest Manifest, bool Reused)> ExportAsync(NpgsqlDataSource db, MusicPileHome home,
        string snapshotId, ExportOptions options, string? outDir, CancellationToken ct, string? kind = null)
    {
        options.Validate();
        var snapshot = await SnapshotCatalog.ResolveAsync(db, snapshotId, ct).ConfigureAwait(false);
        var id = ExportId(snapshot.Id, options, kind);
        var existing = await GetAsync(db, id, ct).ConfigureAwait(false);
        if (existing is not null && File.Exists(Path.Combine(existing.OutDir, ExportManifest.FileName)))
            return (existing, await ExportManifest.ReadAsync(Path.Combine(existing.OutDir, ExportManifest.FileName), ct).ConfigureAwait(false), true);

        var dir = Path.GetFullPath(outDir ?? Path.Combine(home.ExportsDir, id));
        Directory.CreateDirectory(dir);
        var files = await SnapshotCatalog.FilesAsync(db, snapshot.Id, ct).ConfigureAwait(false);
        var snapshotDir = Path.Combine(home.SnapshotsDir, snapshot.Id);
        var tokenizer = await TokenizerFactory.CreateAsync(options.Tokenizer, options.TokenizerCacheDirectory ?? Path.Combine(home.Root, "tokenizers"), ct).ConfigureAwait(false);
        var manifest = await TokenExporter.ExportAsync(Documents(snapshotDir, files, kind, ct), options, tokenizer, dir, ct).ConfigureAwait(false);
        await manifest.WriteAsync(Path.Combine(dir, ExportManifest.FileName), ct).ConfigureAwait(false);
        var tokens = manifest.TokensBySplit.Values.Sum();
        var row = new ExportRow(id, snapshot.Id, tokenizer.Id, tokenizer.VocabularyHash, options.Format.ToString().ToLowerInvariant(), dir, tokens);
        var manifestJson = await File.ReadAllTextAsync(Path.Combine(dir, ExportManifest.FileName), ct).ConfigureAwait(false);
        await ExportCatalog.UpsertAsync(db, row, JsonSerializer.Serialize(options), manifestJson, ct).ConfigureAwait(false);
        return (row, manifest, false);
    }

    public static Task<ExportRow?> GetAsync(NpgsqlDataSource db, string id, CancellationToken ct) => ExportCatalog.GetAsync(db, id, ct);

    /// <summary>
    /// The documents of a snapshot in the order an export tokenizes them (only those of <paramref name="kind"/> when
    /// given), so a reader of the export can tell which document each of its sequences came from.
    /// </summary>
    public static async IAsyncEnumerable<ExportDocument> DocumentsAsync(NpgsqlDataSource db, MusicPileHome home, string snapshotId, string? kind,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var files = await SnapshotCatalog.FilesAsync(db, snapshotId, ct).ConfigureAwait(false);
        await foreach (var d in Documents(Path.Combine(home.SnapshotsDir, snapshotId), files, kind, ct).ConfigureAwait(false))
            yield return d;
    }

    private static async IAsyncEnumerable<ExportDocument> Documents(string snapshotDir, IReadOnlyList<SnapshotCatalog.SnapshotFileRow> files,
        string? kind, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var f in files)
        {
            var path = Path.Combine(snapshotDir, f.Path);
            if (!File.Exists(path))
                throw new MusicPileException($"snapshot file {path} is missing");
            await foreach (var r in CorpusShardReader.ReadAsync(path, ct).ConfigureAwait(false))
            {
                if (kind is not null && r.Kind != kind)
                    continue;
                yield return new ExportDocument(r.Id, r.Text, r.Src, r.Kind, r.Sha256) { Sft = SftOf(r) };
            }
        }
    }

    private static SftRecord? SftOf(CorpusRecord r)
    {
        if (r.Kind != CorpusRecord.Kinds.Sft)
            return null;
        using var meta = JsonDocument.Parse(r.Meta);
        string Get(string name) => meta.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";
        var instruction = Get("instruction");
        var output = Get("output");
        return instruction.Length == 0 && output.Length == 0 ? null : new SftRecord(instruction, Get("input"), output);
    }
}
