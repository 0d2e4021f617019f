using Dapper;
using MusicPile.Core.Pipelines;
using MusicPile.Core.Records;
using Npgsql;
using NpgsqlTypes;

namespace MusicPile.Core.Catalog;

/// <summary>Runs, tasks, task outputs and rejects in the catalog: all SQL for them is here.</summary>
public sealed class RunCatalog(NpgsqlDataSource db)
{
    public sealed record RunRow(long Id, string Pipeline, string ConfigHash, RunStatus Status, string Executor, DateTime StartedAt, DateTime? FinishedAt, string? Error);

    public sealed record TaskRow(long RunId, string Stage, int StageIndex, int Rank, int WorldSize, StageTaskStatus Status, int Attempts, string Counters, DateTime? StartedAt, DateTime? FinishedAt, string? Error)
    {
        public TaskCounters ParsedCounters() => TaskCounters.FromJson(Counters);
    }

    // Statuses go to SQL as parameters spelled by StatusCodes, the one place that knows the stored words.
    private static readonly string Running = RunStatus.Running.Code();
    private static readonly string Succeeded = RunStatus.Succeeded.Code();
    private static readonly string Failed = RunStatus.Failed.Code();
    private static readonly string TaskRunning = StageTaskStatus.Running.Code();
    private static readonly string TaskDone = StageTaskStatus.Done.Code();
    private static readonly string TaskFailed = StageTaskStatus.Failed.Code();

    /// <summary>The counters of the given tasks added up.</summary>
    public static TaskCounters Sum(IEnumerable<TaskRow> tasks)
    {
        var total = new TaskCounters();
        foreach (var t in tasks)
            total.Add(t.ParsedCounters());
        return total;
    }

    /// <summary>The run a rerun of this pipeline resumes: its latest run, when unfinished and of the same configuration.</summary>
    public async Task<long?> ResumableRunAsync(PipelineDefinition p, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await ResumableRunAsync(conn, p, ct).ConfigureAwait(false);
    }

    private static Task<long?> ResumableRunAsync(NpgsqlConnection conn, PipelineDefinition p, CancellationToken ct) =>
        conn.QueryFirstOrDefaultAsync<long?>(new CommandDefinition(
            """
            SELECT id FROM runs WHERE pipeline = @Name AND config_hash = @Hash AND status <> @Succeeded
            AND id = (SELECT max(id) FROM runs WHERE pipeline = @Name)
            """, new { p.Name, Hash = p.ConfigHash, Succeeded }, cancellationToken: ct));

    /// <summary>The latest unfinished run of the same pipeline and configuration, to resume; else a new run.</summary>
    public async Task<(long RunId, bool Resumed)> StartOrResumeAsync(PipelineDefinition p, string executor, string codeVersion, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        var existing = await ResumableRunAsync(conn, p, ct).ConfigureAwait(false);
        if (existing is { } id)
        {
            await conn.ExecuteAsync(new CommandDefinition(
                "UPDATE runs SET status = @Running, error = NULL, finished_at = NULL, executor = @executor WHERE id = @id",
                new { id, executor, Running }, cancellationToken: ct)).ConfigureAwait(false);
            return (id, true);
        }
        var newId = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO runs (pipeline, config_hash, config, executor, code_version)
            VALUES (@Name, @Hash, @Config::jsonb, @executor, @codeVersion) RETURNING id
            """, new { p.Name, Hash = p.ConfigHash, Config = p.ToJson(), executor, codeVersion }, cancellationToken: ct)).ConfigureAwait(false);
        return (newId, false);
    }

    public async Task FinishRunAsync(long runId, bool succeeded, string? error, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE runs SET status = @status, error = @error, finished_at = now() WHERE id = @runId",
            new { runId, status = succeeded ? Succeeded : Failed, error }, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <summary>Creates the task rows of a stage (once) and returns the ranks not yet done.</summary>
    public async Task<IReadOnlyList<int>> PlanTasksAsync(long runId, string stage, int stageIndex, int worldSize, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        var planned = await conn.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT max(world_size) FROM tasks WHERE run_id = @runId AND stage = @stage", new { runId, stage }, cancellationToken: ct)).ConfigureAwait(false);
        if (planned is { } w && w != worldSize)
            throw new MusicPileException($"run {runId} stage '{stage}' was planned with {w} tasks, now {worldSize}: start a new run");
        await conn.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO tasks (run_id, stage, stage_index, rank, world_size)
            SELECT @runId, @stage, @stageIndex, r, @worldSize FROM generate_series(0, @worldSize - 1) AS r
            ON CONFLICT DO NOTHING
            """, new { runId, stage, stageIndex, worldSize }, cancellationToken: ct)).ConfigureAwait(false);
        return (await conn.QueryAsync<int>(new CommandDefinition(
            "SELECT rank FROM tasks WHERE run_id = @runId AND stage = @stage AND status <> @TaskDone ORDER BY rank",
            new { runId, stage, TaskDone }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    /// <summary>Marks a task as running by this worker; false when it is already done.</summary>
    public async Task<bool> ClaimTaskAsync(long runId, string stage, int rank, string worker, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        var n = await conn.ExecuteAsync(new CommandDefinition(
            """
            UPDATE tasks SET status = @TaskRunning, attempts = attempts + 1, worker = @worker, started_at = now(), error = NULL
            WHERE run_id = @runId AND stage = @stage AND rank = @rank AND status <> @TaskDone
            """, new { runId, stage, rank, worker, TaskRunning, TaskDone }, cancellationToken: ct)).ConfigureAwait(false);
        return n == 1;
    }

    public async Task FailTaskAsync(long runId, string stage, int rank, string error, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE tasks SET status = @TaskFailed, error = @error, finished_at = now() WHERE run_id = @runId AND stage = @stage AND rank = @rank AND status <> @TaskDone",
            new { runId, stage, rank, error, TaskFailed, TaskDone }, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <summary>
    /// Records a task's verified outputs and rejects, runs the stage's own catalog writes, and marks the task done,
    /// all in one transaction: a task is done only if everything it claims is on disk and in the catalog.
    /// </summary>
    internal async Task CommitTaskAsync(StageTask task, IReadOnlyList<TaskOutputFile> outputs, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        var key = new { runId = task.RunId, stage = task.Stage.Name, rank = task.Rank };
        await conn.ExecuteAsync(new CommandDefinition("DELETE FROM task_outputs WHERE run_id = @runId AND stage = @stage AND rank = @rank", key, tx, cancellationToken: ct)).ConfigureAwait(false);
        await conn.ExecuteAsync(new CommandDefinition("DELETE FROM rejects WHERE run_id = @runId AND stage = @stage AND rank = @rank", key, tx, cancellationToken: ct)).ConfigureAwait(false);
        foreach (var o in outputs)
        {
            await conn.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO task_outputs (run_id, stage, rank, role, path, size_bytes, rows, sha256)
                VALUES (@runId, @stage, @rank, @Role, @Path, @SizeBytes, @Rows, @Sha256)
                """, new { key.runId, key.stage, key.rank, o.Role, o.Path, o.SizeBytes, o.Rows, o.Sha256 }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }
        await CopyRejectsAsync(conn, task, ct).ConfigureAwait(false);
        foreach (var action in task.CommitActions)
            await action(conn, tx, ct).ConfigureAwait(false);
        var done = await conn.ExecuteAsync(new CommandDefinition(
            """
            UPDATE tasks SET status = @TaskDone, counters = @counters::jsonb, finished_at = now(), error = NULL
            WHERE run_id = @runId AND stage = @stage AND rank = @rank AND status <> @TaskDone
            """, new { key.runId, key.stage, key.rank, counters = task.Counters.ToJson(), TaskDone }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (done != 1)
            throw new MusicPileException($"task {task.Stage.Name}:{task.Rank} of run {task.RunId} was finished by another worker");
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    private static async Task CopyRejectsAsync(NpgsqlConnection conn, StageTask task, CancellationToken ct)
    {
        if (task.CatalogRejects.Count == 0)
            return;
        await using var copy = await conn.BeginBinaryImportAsync(
            "COPY rejects (run_id, stage, rank, source, source_uri, position, reason, detail) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
        foreach (var r in task.CatalogRejects)
        {
            await copy.StartRowAsync(ct).ConfigureAwait(false);
            await copy.WriteAsync(task.RunId, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            await copy.WriteAsync(task.Stage.Name, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await copy.WriteAsync(task.Rank, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
            await copy.WriteAsync(r.Source, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await copy.WriteAsync(r.SourceUri, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await copy.WriteAsync(r.Position, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await copy.WriteAsync(r.Reason, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await copy.WriteAsync(Truncate(r.Detail, 2000), NpgsqlDbType.Text, ct).ConfigureAwait(false);
        }
        await copy.CompleteAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<TaskOutputFile>> OutputsAsync(long runId, string stage, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return (await conn.QueryAsync<TaskOutputFile>(new CommandDefinition(
            """
            SELECT stage AS Stage, rank AS Rank, role AS Role, path AS Path, size_bytes AS SizeBytes, rows AS Rows, sha256 AS Sha256
            FROM task_outputs WHERE run_id = @runId AND stage = @stage ORDER BY rank, path
            """, new { runId, stage }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    public async Task<IReadOnlyList<RunRow>> ListRunsAsync(int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return (await conn.QueryAsync<RunRow>(new CommandDefinition(
            """
            SELECT id AS Id, pipeline AS Pipeline, config_hash AS ConfigHash, status AS Status, executor AS Executor,
                   started_at AS StartedAt, finished_at AS FinishedAt, error AS Error
            FROM runs ORDER BY id DESC LIMIT @limit
            """, new { limit }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    /// <summary>The newest run of a pipeline still marked running, if any.</summary>
    public async Task<RunRow?> LatestRunningAsync(string pipeline, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await conn.QueryFirstOrDefaultAsync<RunRow>(new CommandDefinition(
            """
            SELECT id AS Id, pipeline AS Pipeline, config_hash AS ConfigHash, status AS Status, executor AS Executor,
                   started_at AS StartedAt, finished_at AS FinishedAt, error AS Error
            FROM runs WHERE pipeline = @pipeline AND status = @Running ORDER BY id DESC LIMIT 1
            """, new { pipeline, Running }, cancellationToken: ct)).ConfigureAwait(false);
    }

    public async Task<RunRow?> GetRunAsync(long runId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await conn.QueryFirstOrDefaultAsync<RunRow>(new CommandDefinition(
            """
            SELECT id AS Id, pipeline AS Pipeline, config_hash AS ConfigHash, status AS Status, executor AS Executor,
                   started_at AS StartedAt, finished_at AS FinishedAt, error AS Error
            FROM runs WHERE id = @runId
            """, new { runId }, cancellationToken: ct)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<TaskRow>> TasksAsync(long runId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return (await conn.QueryAsync<TaskRow>(new CommandDefinition(
            """
            SELECT run_id AS RunId, stage AS Stage, stage_index AS StageIndex, rank AS Rank, world_size AS WorldSize, status AS Status,
                   attempts AS Attempts, counters::text AS Counters, started_at AS StartedAt, finished_at AS FinishedAt, error AS Error
            FROM tasks WHERE run_id = @runId ORDER BY stage_index, rank
            """, new { runId }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
