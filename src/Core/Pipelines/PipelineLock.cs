using Dapper;
using MusicPile.Core.Text;
using Npgsql;

namespace MusicPile.Core.Pipelines;

/// <summary>
/// A session-level advisory lock per pipeline name, held on its own connection for the whole run, so a second
/// run of the same pipeline (from cron, say, while the last one is still going) is refused rather than interleaved.
/// </summary>
public sealed class PipelineLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _conn;
    private readonly long _key;

    private PipelineLock(NpgsqlConnection conn, long key)
    {
        _conn = conn;
        _key = key;
    }

    public static long KeyFor(string pipeline) => Convert.ToInt64(ContentHash.Of("pipeline:" + pipeline)[..15], 16);

    public static async Task<PipelineLock> AcquireAsync(NpgsqlDataSource db, string pipeline, CancellationToken ct)
    {
        var key = KeyFor(pipeline);
        var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        var got = await conn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_lock(@key)", new { key }, cancellationToken: ct)).ConfigureAwait(false);
        if (got)
            return new PipelineLock(conn, key);
        var holder = await conn.QueryFirstOrDefaultAsync<RunningRun>(new CommandDefinition(
            "SELECT id AS Id, started_at AS Started FROM runs WHERE pipeline = @pipeline AND status = 'running' ORDER BY id DESC LIMIT 1",
            new { pipeline }, cancellationToken: ct)).ConfigureAwait(false);
        await conn.DisposeAsync().ConfigureAwait(false);
        var which = holder is not null ? $" (run {holder.Id}, started {holder.Started:yyyy-MM-dd HH:mm:ss}Z)" : "";
        throw new MusicPileException($"pipeline '{pipeline}' is already running{which}; this run was refused");
    }

    private sealed record RunningRun(long Id, DateTime Started);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _conn.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = _key }).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The lock goes with the session anyway.
        }
        await _conn.DisposeAsync().ConfigureAwait(false);
    }
}
