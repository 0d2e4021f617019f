using System.Text.Json.Serialization;
using MusicPile.Core.Catalog;

namespace MusicPile.Publish;

/// <summary>
/// What <c>musicpile lineage</c> reports: the snapshots, exports, training runs and checkpoints that hold a document
/// or a raw file's documents; for a checkpoint or an export also the sources (with licences) and raw files behind it.
/// </summary>
public sealed record LineageReport(
    string Query,
    string Target,
    IReadOnlyList<LineageCatalog.SnapshotRef> Snapshots,
    IReadOnlyList<LineageCatalog.ExportRef> Exports,
    IReadOnlyList<LineageCatalog.TrainRunRef> TrainRuns,
    IReadOnlyList<LineageCatalog.CheckpointRef> Checkpoints)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<LineageCatalog.SourceRef>? Sources { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<LineageCatalog.FileRef>? Files { get; init; }
}
