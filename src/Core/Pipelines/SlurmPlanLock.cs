using MusicPile.Core.Catalog;
using Npgsql;

namespace MusicPile.Core.Pipelines;

/// <summary>
/// A waiting advisory lock per run and stage: the array elements of a stage plan it one at a time, so the first one
/// plans (and records the task rows) while the others wait and then find the plan made.
/// </summary>
internal sealed class SlurmPlanLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _conn;
    private readonly long _key;

    private SlurmPlanLock(NpgsqlConnection conn, long key)
    {
        _conn = conn;
        _key = key;
    }

    public static async Task<SlurmPlanLock> AcquireAsync(NpgsqlDataSource db, long runId, string stage, CancellationToken ct)
    {
        var key = PipelineLock.KeyFor(FormattableString.Invariant($"plan:{runId}:{stage}"));
        var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            await LockCatalog.LockAsync(conn, key, ct).ConfigureAwait(false);
        }
        catch
        {
            await conn.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new SlurmPlanLock(conn, key);
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
