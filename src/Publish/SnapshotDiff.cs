using MusicPile.Core;
using MusicPile.Core.Catalog;
using MusicPile.Core.Parquet;
using Npgsql;

namespace MusicPile.Publish;

/// <summary>Documents added and removed per source between two snapshots, by document id.</summary>
public sealed record SnapshotDiff(string A, string B, long Added, long Removed, IReadOnlyDictionary<string, SnapshotDiff.SourceChange> BySource)
{
    /// <summary>One source's change: documents only in B, only in A, and the counts before and after.</summary>
    public sealed record SourceChange(long Added, long Removed, long Before, long After);

    /// <summary>Compares snapshot <paramref name="a"/> with <paramref name="b"/> (ids or <c>latest</c>) by reading their files.</summary>
    public static async Task<SnapshotDiff> ComputeAsync(NpgsqlDataSource db, MusicPileHome home, string a, string b, CancellationToken ct)
    {
        var ra = await SnapshotCatalog.ResolveAsync(db, a, ct).ConfigureAwait(false);
        var rb = await SnapshotCatalog.ResolveAsync(db, b, ct).ConfigureAwait(false);
        var idsA = await IdsBySourceAsync(db, home, ra.Id, ct).ConfigureAwait(false);
        var idsB = await IdsBySourceAsync(db, home, rb.Id, ct).ConfigureAwait(false);
        var bySource = new SortedDictionary<string, SourceChange>(StringComparer.Ordinal);
        foreach (var s in idsA.Keys.Union(idsB.Keys))
        {
            var sa = idsA.GetValueOrDefault(s) ?? [];
            var sb = idsB.GetValueOrDefault(s) ?? [];
            bySource[s] = new SourceChange(sb.Count(id => !sa.Contains(id)), sa.Count(id => !sb.Contains(id)), sa.Count, sb.Count);
        }
        return new SnapshotDiff(ra.Id, rb.Id, bySource.Values.Sum(v => v.Added), bySource.Values.Sum(v => v.Removed), bySource);
    }

    private static async Task<Dictionary<string, HashSet<long>>> IdsBySourceAsync(NpgsqlDataSource db, MusicPileHome home, string id, CancellationToken ct)
    {
        var result = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);
        foreach (var f in await SnapshotCatalog.FilesAsync(db, id, ct).ConfigureAwait(false))
        {
            await foreach (var r in CorpusShardReader.ReadAsync(Path.Combine(home.SnapshotsDir, id, f.Path), ct).ConfigureAwait(false))
            {
                if (!result.TryGetValue(r.Src, out var set))
                    result[r.Src] = set = [];
                set.Add(r.Id);
            }
        }
        return result;
    }
}
