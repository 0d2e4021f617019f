using MusicPile.Core.Catalog;
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
        bool got;
        try
        {
            got = await LockCatalog.TryLockAsync(conn, key, ct).ConfigureAwait(false);
        }
        catch
        {
            await conn.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        if (got)
            return new PipelineLock(conn, key);
        await conn.DisposeAsync().ConfigureAwait(false);
        var holder = await new RunCatalog(db).LatestRunningAsync(pipeline, ct).ConfigureAwait(false);
        var which = holder is not null ? $" (run {holder.Id}, started {holder.StartedAt:yyyy-MM-dd HH:mm:ss}Z)" : "";
        throw new MusicPileException($"pipeline '{pipeline}' is already running{which}; this run was refused");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await LockCatalog.UnlockAsync(_conn, _key).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The lock goes with the session anyway.
        }
        await _conn.DisposeAsync().ConfigureAwait(false);
    }
}
