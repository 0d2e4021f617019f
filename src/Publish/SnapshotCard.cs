using System.Text.Json;
using MusicPile.Core.Catalog;
using MusicPile.Core.Pipelines;

namespace MusicPile.Publish;

/// <summary>Gathers what a snapshot's <see cref="DatasetCard"/> states while the publish stage builds the snapshot.</summary>
internal static class SnapshotCard
{
    /// <summary>What the snapshot's card states: its sources (folder, licences, documents per kind), dedup and rejects of the run.</summary>
    public static DatasetCardFacts Facts(StageTask task, string id, string? parent, DateTime created, IReadOnlyList<SnapshotCatalog.SnapshotFileRow> files,
        List<SnapshotDocumentCatalog.Row> documents, Dictionary<string, SortedSet<string>> licences, Dictionary<string, long> removed, TaskCounters earlier)
    {
        var declared = task.Plan.Pipeline.Sources.ToDictionary(s => s.Name, s => s.Licence, StringComparer.Ordinal);
        var kindsOf = documents.GroupBy(d => d.Src, StringComparer.Ordinal).ToDictionary(g => g.Key,
            g => (IReadOnlyDictionary<string, long>)g.GroupBy(d => d.Kind, StringComparer.Ordinal).ToDictionary(k => k.Key, k => (long)k.Count(), StringComparer.Ordinal),
            StringComparer.Ordinal);
        var sources = files.GroupBy(f => f.Source, StringComparer.Ordinal).Select(g =>
        {
            var named = licences.TryGetValue(g.Key, out var set) && set.Count > 0 ? set.ToList()
                : declared.TryGetValue(g.Key, out var l) && l.Length > 0 ? [l] : new List<string>();
            var kinds = kindsOf.GetValueOrDefault(g.Key) ?? new Dictionary<string, long>();
            var folder = (Path.GetDirectoryName(g.First().Path) ?? "").Replace('\\', '/');
            return new DatasetCardSource(g.Key, folder, named, kinds);
        }).ToList();
        var rejects = new Dictionary<string, long>(earlier.RejectsByReason, StringComparer.Ordinal);
        foreach (var (reason, n) in task.Counters.RejectsByReason)
            rejects[reason] = rejects.GetValueOrDefault(reason) + n;
        return new DatasetCardFacts(id, parent, task.Plan.Pipeline.Name, PipelineRunner.CodeVersion, created, sources, removed, rejects);
    }

    /// <summary>The <c>licence</c> a record's meta names, or null.</summary>
    public static string? LicenceOf(string meta)
    {
        if (string.IsNullOrWhiteSpace(meta) || !meta.Contains("\"licence\"", StringComparison.Ordinal))
            return null;
        try
        {
            using var doc = JsonDocument.Parse(meta);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("licence", out var l) && l.ValueKind == JsonValueKind.String
                ? l.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
