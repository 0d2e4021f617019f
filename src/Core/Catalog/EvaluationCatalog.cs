using Dapper;
using Npgsql;

namespace MusicPile.Core.Catalog;

/// <summary>Evaluation results per checkpoint.</summary>
public static class EvaluationCatalog
{
    public static async Task<long> InsertAsync(NpgsqlDataSource db, string checkpoint, string? snapshotId, string resultsJson, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO evaluations (checkpoint, snapshot_id, results) VALUES (@checkpoint, @snapshotId, @resultsJson::jsonb) RETURNING id",
            new { checkpoint, snapshotId, resultsJson }, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <summary>The latest results for a checkpoint folder, as JSON, or null.</summary>
    public static async Task<string?> LatestAsync(NpgsqlDataSource db, string checkpoint, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await conn.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT results::text FROM evaluations WHERE checkpoint = @checkpoint ORDER BY id DESC LIMIT 1",
            new { checkpoint }, cancellationToken: ct)).ConfigureAwait(false);
    }
}
