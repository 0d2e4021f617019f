namespace MusicPile.Publish;

/// <summary>
/// What <c>musicpile snapshot gc</c> did (or, with <c>--dry-run</c>, would do): snapshots kept, removed and spared
/// because an export or training run uses them, and the disk use of the snapshots folder before and after.
/// </summary>
public sealed record SnapshotGcReport(int Keep, bool DryRun, bool Force, IReadOnlyList<string> Kept, IReadOnlyList<string> Removed,
    IReadOnlyList<SnapshotGcReport.Spared> Skipped, long BytesBefore, long BytesAfter, long FilesBefore, long FilesAfter)
{
    /// <summary>A snapshot old enough to go that stays because exports or training runs name it.</summary>
    public sealed record Spared(string Id, IReadOnlyList<string> Exports, IReadOnlyList<string> TrainRuns);

    public long BytesFreed => BytesBefore - BytesAfter;
}
