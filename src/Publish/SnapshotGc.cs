using MusicPile.Core;
using MusicPile.Core.Catalog;
using Npgsql;

namespace MusicPile.Publish;

/// <summary>
/// <c>musicpile snapshot gc --keep N [--dry-run] [--force]</c>: removes snapshots older than the newest N, rows and
/// folder, but never one an export or training run still names (unless forced). Files are hard-linked between
/// snapshots, so removing a folder drops only its own names: a file another snapshot keeps stays on disk, and the disk
/// use reported counts each file once. The rows go first, so a snapshot is never listed without its folder.
/// </summary>
public static class SnapshotGc
{
    public static async Task<SnapshotGcReport> RunAsync(NpgsqlDataSource db, MusicPileHome home, int keep, bool dryRun, bool force, CancellationToken ct)
    {
        if (keep < 1)
            throw MusicPileException.Usage($"snapshot gc --keep {keep}: keep at least 1 (the latest snapshot is every next run's parent)");
        var all = await SnapshotCatalog.ListAsync(db, ct).ConfigureAwait(false);
        var newest = all.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id, StringComparer.Ordinal).Take(keep)
            .Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var references = (await SnapshotRetentionCatalog.ReferencesAsync(db, ct).ConfigureAwait(false))
            .ToLookup(r => r.SnapshotId, StringComparer.Ordinal);
        var removed = new List<string>();
        var spared = new List<SnapshotGcReport.Spared>();
        foreach (var s in all.Where(s => !newest.Contains(s.Id)))
        {
            var refs = references[s.Id].ToList();
            if (refs.Count > 0 && !force)
                spared.Add(new SnapshotGcReport.Spared(s.Id, refs.Where(r => r.Kind == "export").Select(r => r.Id).ToList(),
                    refs.Where(r => r.Kind == "train_run").Select(r => r.Id).ToList()));
            else
                removed.Add(s.Id);
        }
        var staying = all.Select(s => s.Id).Except(removed, StringComparer.Ordinal).ToList();
        var before = DiskUsage.Measure(all.Select(s => Folder(home, s.Id)));
        if (!dryRun)
        {
            foreach (var id in removed)
            {
                await SnapshotRetentionCatalog.DeleteAsync(db, id, ct).ConfigureAwait(false);
                if (Directory.Exists(Folder(home, id)))
                    Directory.Delete(Folder(home, id), recursive: true);
            }
        }
        var after = DiskUsage.Measure(staying.Select(id => Folder(home, id)));
        return new SnapshotGcReport(keep, dryRun, force, staying, removed, spared, before.Bytes, after.Bytes, before.Files, after.Files);
    }

    private static string Folder(MusicPileHome home, string id) => Path.Combine(home.SnapshotsDir, id);
}
