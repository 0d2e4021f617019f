using Dapper;
using MusicPile.Core.Parquet;
using Npgsql;

namespace MusicPile.Serve.Corpus;

/// <summary>
/// Reads snapshots from the catalog and searches the ABC tunes of one snapshot's Parquet files by key (<c>K:</c>),
/// meter (<c>M:</c>) and source, reading at most a bounded number of rows per search.
/// </summary>
internal sealed class CorpusBrowser(NpgsqlDataSource db, ServeOptions options)
{
    public async Task<IReadOnlyList<CorpusSnapshot>> SnapshotsAsync(CancellationToken cancellationToken)
    {
        await using var conn = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        const string sql = """
            SELECT s.id AS Id, s.parent AS Parent, s.documents AS Documents,
                   (SELECT count(*) FROM snapshot_files f WHERE f.snapshot_id = s.id) AS Files, s.created_at AS CreatedAt
            FROM snapshots s
            ORDER BY s.created_at DESC, s.id
            LIMIT 200
            """;
        var rows = await conn.QueryAsync<SnapshotRow>(new CommandDefinition(sql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new CorpusSnapshot(r.Id, r.Parent, r.Documents, r.Files, r.CreatedAt)).ToList();
    }

    /// <summary>Matching tunes in file order, or null when the snapshot does not exist.</summary>
    /// <summary>The latest <c>musicpile eval</c> results for the served checkpoint, as JSON, or null.</summary>
    public Task<string?> EvaluationAsync(CancellationToken cancellationToken) =>
        MusicPile.Core.Catalog.EvaluationCatalog.LatestAsync(db, Path.GetFullPath(options.CheckpointDirectory), cancellationToken);

    public async Task<CorpusSearchResult?> SearchAsync(CorpusQuery query, CancellationToken cancellationToken)
    {
        IReadOnlyList<FileRow> files;
        await using (var conn = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            var exists = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM snapshots WHERE id = @id)", new { id = query.SnapshotId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (!exists) return null;
            files = (await conn.QueryAsync<FileRow>(new CommandDefinition(
                "SELECT path AS Path, source AS Source FROM snapshot_files WHERE snapshot_id = @id ORDER BY path",
                new { id = query.SnapshotId }, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        }
        var found = new List<CorpusTune>();
        long scanned = 0;
        var root = options.CorpusRoot ?? Directory.GetCurrentDirectory();
        foreach (var file in files)
        {
            var fileSourceMatches = query.Source is not null && string.Equals(file.Source, query.Source, StringComparison.Ordinal);
            var path = Path.IsPathRooted(file.Path) ? file.Path : Path.Combine(root, query.SnapshotId, file.Path);
            if (!File.Exists(path)) continue;
            await foreach (var record in CorpusShardReader.ReadAsync(path, cancellationToken).ConfigureAwait(false))
            {
                if (++scanned > options.CorpusScanLimit)
                    return new CorpusSearchResult(found, scanned - 1, true);
                if (query.Source is not null && !fileSourceMatches && !string.Equals(record.Src, query.Source, StringComparison.Ordinal)) continue;
                var (key, meter) = HeaderFields(record.Text);
                if (key is null) continue;
                if (query.Key is not null && !SameValue(key, query.Key)) continue;
                if (query.Meter is not null && !SameValue(meter, query.Meter)) continue;
                found.Add(new CorpusTune(record.Id, record.Src, key, meter, record.Text));
                if (found.Count >= query.Limit)
                    return new CorpusSearchResult(found, scanned, true);
            }
        }
        return new CorpusSearchResult(found, scanned, false);
    }

    /// <summary>The first <c>K:</c> and <c>M:</c> values of a text's first tune header (before any music line).</summary>
    internal static (string? Key, string? Meter) HeaderFields(string text)
    {
        string? meter = null;
        var inTune = false;
        foreach (var range in text.AsSpan().Split('\n'))
        {
            var line = text.AsSpan()[range].TrimEnd('\r');
            if (line.StartsWith("X:")) inTune = true;
            if (!inTune) continue;
            if (line.StartsWith("M:")) meter ??= line[2..].Trim().ToString();
            else if (line.StartsWith("K:")) return (line[2..].Trim().ToString(), meter);
        }
        return (null, meter);
    }

    private static bool SameValue(string? actual, string wanted) =>
        actual is not null && string.Equals(actual.Replace(" ", "", StringComparison.Ordinal), wanted.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

    private sealed record SnapshotRow(string Id, string? Parent, long Documents, long Files, DateTime CreatedAt);

    private sealed record FileRow(string Path, string Source);
}
