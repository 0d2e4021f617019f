using MusicPile.Core.Catalog;
using MusicPile.Core.Pipelines;
using MusicPile.Core.Records;
using Npgsql;

namespace MusicPile.Cli;

/// <summary>
/// A whole run in the terms of <c>musicpile ingest --json</c>: records in, kept in the end, and every other record
/// rejected with a reason (duplicates by method included, as <c>duplicate-exact</c>, ...), so
/// <c>records_in + created = kept + rejected</c>; <c>created</c> counts records a stage made (transposed copies).
/// </summary>
internal sealed record RunSummary(long Run, long RecordsIn, long Kept, long Rejected, long Created, IReadOnlyDictionary<string, long> RejectsByReason,
    IReadOnlyDictionary<string, long> DuplicatesRemoved, string? Snapshot)
{
    public static async Task<RunSummary> OfAsync(NpgsqlDataSource db, RunResult r, CancellationToken ct)
    {
        var reasons = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var removed = DedupMethods.All.ToDictionary(m => m.Code(), _ => 0L);
        foreach (var s in r.Stages)
        {
            foreach (var (k, v) in s.Counters.RejectsByReason)
                reasons[k] = reasons.GetValueOrDefault(k) + v;
            foreach (var (method, n) in s.Counters.RemovedByMethod.Where(kv => kv.Value > 0))
            {
                reasons[method.DuplicateReason()] = reasons.GetValueOrDefault(method.DuplicateReason()) + n;
                removed[method.Code()] += n;
            }
        }
        var snapshot = r.Stages.Any(s => s.Type == Stages.Publish) ? await SnapshotCatalog.OfRunAsync(db, r.RunId, ct).ConfigureAwait(false) : null;
        return new RunSummary(r.RunId, r.Stages[0].Counters.RecordsIn, r.Stages[^1].Counters.Kept, reasons.Values.Sum(),
            r.Stages.Sum(s => s.Counters.Created), reasons, removed, snapshot);
    }
}
