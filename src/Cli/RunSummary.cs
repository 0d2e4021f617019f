using Dapper;
using MusicPile.Core.Catalog;
using MusicPile.Core.Pipelines;
using Npgsql;

namespace MusicPile.Cli;

/// <summary>
/// A whole run in the terms of <c>musicpile ingest --json</c>: records in, kept in the end, and every other record
/// rejected with a reason (duplicates by method included), so <c>records_in = kept + rejected</c>.
/// </summary>
internal sealed record RunSummary(long Run, long RecordsIn, long Kept, long Rejected, IReadOnlyDictionary<string, long> RejectsByReason, string? Snapshot)
{
    public static async Task<RunSummary> OfAsync(NpgsqlDataSource db, RunResult r, CancellationToken ct)
    {
        var first = r.Stages[0].Counters;
        var reasons = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var s in r.Stages)
        {
            foreach (var (k, v) in s.Counters.RejectsByReason)
                reasons[k] = reasons.GetValueOrDefault(k) + v;
            foreach (var method in new[] { "exact", "near", "music" })
            {
                if (s.Counters.Extra.TryGetValue("removed_" + method, out var n) && n > 0)
                    reasons["duplicate-" + method] = reasons.GetValueOrDefault("duplicate-" + method) + n;
            }
        }
        var lastData = r.Stages.Last(s => s.Type != "publish").Counters;
        string? snapshot = null;
        if (r.Stages.Any(s => s.Type == "publish"))
        {
            await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
            snapshot = await conn.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
                "SELECT id FROM snapshots WHERE run_id = @RunId ORDER BY created_at DESC LIMIT 1", new { r.RunId }, cancellationToken: ct)).ConfigureAwait(false)
                ?? (await SnapshotCatalog.LatestAsync(db, ct).ConfigureAwait(false))?.Id;
        }
        return new RunSummary(r.RunId, first.RecordsIn, lastData.Kept, reasons.Values.Sum(), reasons, snapshot);
    }
}
