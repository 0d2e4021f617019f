using Dapper;
using Npgsql;

namespace MusicPile.Core.Catalog;

/// <summary>Training runs, their metrics and checkpoints: the lineage from a checkpoint back to a snapshot.</summary>
public static class TrainCatalog
{
    public sealed record Metric(int Step, string Kind, string Source, double Loss, double? TokensPerSecond, double? Mfu, double? LearningRate);

    public sealed record TrainRunRow(long Id, string SnapshotId, string ExportId, string Config, string Device, string Status);

    public static async Task<long> StartAsync(NpgsqlDataSource db, string snapshotId, string exportId, string configJson, string? initDir, string device, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO train_runs (snapshot_id, export_id, config, init_dir, device) VALUES (@snapshotId, @exportId, @configJson::jsonb, @initDir, @device)
            RETURNING id
            """, new { snapshotId, exportId, configJson, initDir, device }, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <summary>The latest run of the same snapshot and configuration, to resume.</summary>
    public static async Task<TrainRunRow?> LatestAsync(NpgsqlDataSource db, string snapshotId, string configJson, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await conn.QueryFirstOrDefaultAsync<TrainRunRow>(new CommandDefinition(
            """
            SELECT id AS Id, snapshot_id AS SnapshotId, export_id AS ExportId, config::text AS Config, device AS Device, status AS Status
            FROM train_runs WHERE snapshot_id = @snapshotId AND config = @configJson::jsonb ORDER BY id DESC LIMIT 1
            """, new { snapshotId, configJson }, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <summary>The run that wrote the checkpoint folder <paramref name="path"/> (as recorded, an absolute path), or null.</summary>
    public static async Task<TrainRunRow?> RunOfCheckpointAsync(NpgsqlDataSource db, string path, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await conn.QueryFirstOrDefaultAsync<TrainRunRow>(new CommandDefinition(
            """
            SELECT r.id AS Id, r.snapshot_id AS SnapshotId, r.export_id AS ExportId, r.config::text AS Config, r.device AS Device, r.status AS Status
            FROM checkpoints c JOIN train_runs r ON r.id = c.train_run_id WHERE c.path = @path ORDER BY r.id DESC LIMIT 1
            """, new { path }, cancellationToken: ct)).ConfigureAwait(false);
    }

    public static async Task RecordAsync(NpgsqlDataSource db, long runId, IEnumerable<Metric> metrics, IEnumerable<(int Step, string Path)> checkpoints, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        foreach (var m in metrics)
        {
            await conn.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO train_metrics (train_run_id, step, kind, source, loss, tokens_per_second, mfu, learning_rate)
                VALUES (@runId, @Step, @Kind, @Source, @Loss, @TokensPerSecond, @Mfu, @LearningRate)
                ON CONFLICT (train_run_id, step, kind, source) DO UPDATE SET loss = EXCLUDED.loss
                """, new { runId, m.Step, m.Kind, m.Source, m.Loss, m.TokensPerSecond, m.Mfu, m.LearningRate }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }
        foreach (var (step, path) in checkpoints)
        {
            await conn.ExecuteAsync(new CommandDefinition(
                "INSERT INTO checkpoints (train_run_id, step, path) VALUES (@runId, @step, @path) ON CONFLICT DO NOTHING",
                new { runId, step, path }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    public static async Task FinishAsync(NpgsqlDataSource db, long runId, string status, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE train_runs SET status = @status, finished_at = now() WHERE id = @runId", new { runId, status }, cancellationToken: ct)).ConfigureAwait(false);
    }
}
