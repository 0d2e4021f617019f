using MusicPile.Core.Catalog;
using MusicPile.Core.Pipelines;

namespace MusicPile.Publish;

/// <summary>
/// The parent snapshot's files that a new snapshot keeps as they are: those whose every document is still published
/// (same id, same content). They are hard-linked into the new snapshot; every other document is written anew, so a
/// document of a deleted or changed file never survives in a parent's file.
/// </summary>
internal sealed record ParentFiles(IReadOnlyList<SnapshotCatalog.SnapshotFileRow> Files, IReadOnlyList<SnapshotDocumentCatalog.Row> Documents,
    IReadOnlySet<long> Covered)
{
    public static readonly ParentFiles None = new([], [], new HashSet<long>());

    /// <param name="kept">The documents to publish: id and content hash.</param>
    public static async Task<ParentFiles> LinkAsync(StageTask task, SnapshotCatalog.SnapshotRow parent, string tmp,
        IReadOnlyDictionary<long, string> kept, CancellationToken ct)
    {
        var parentDir = Path.Combine(task.Home.SnapshotsDir, parent.Id);
        var byFile = (await SnapshotDocumentCatalog.OfSnapshotAsync(task.Catalog, parent.Id, ct).ConfigureAwait(false))
            .GroupBy(d => d.File, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var files = new List<SnapshotCatalog.SnapshotFileRow>();
        var documents = new List<SnapshotDocumentCatalog.Row>();
        var covered = new HashSet<long>();
        foreach (var f in await SnapshotCatalog.FilesAsync(task.Catalog, parent.Id, ct).ConfigureAwait(false))
        {
            // A parent published before its documents were recorded has none listed: its files are written anew.
            if (!byFile.TryGetValue(f.Path, out var rows) || rows.Count != f.Rows)
                continue;
            if (!rows.All(r => kept.TryGetValue(r.DocId, out var sha) && sha == r.Sha256 && !covered.Contains(r.DocId)))
                continue;
            var target = Path.Combine(tmp, f.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            HardLink.CreateOrCopy(Path.Combine(parentDir, f.Path), target);
            files.Add(f);
            documents.AddRange(rows);
            covered.UnionWith(rows.Select(r => r.DocId));
        }
        return new ParentFiles(files, documents, covered);
    }
}
