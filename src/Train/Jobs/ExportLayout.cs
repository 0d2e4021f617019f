using MusicPile.Core;
using MusicPile.Tokenize;
using Npgsql;

namespace MusicPile.Train.Jobs;

/// <summary>
/// Where each document kind's tokens lie in an export. Token files carry no kinds, but an export writes its snapshot's
/// documents in a fixed order, splitting and repeating each by its own hash; so reading the snapshot in that order and
/// walking the export's document boundaries in step (the Megatron index, else end-of-text tokens) gives every
/// document's span. The result is checked against the manifest's per-source document and token counts; when it does
/// not agree (or the snapshot is gone), <see cref="ByKind"/> is null and <see cref="WhyNoKinds"/> says why.
/// </summary>
internal sealed record ExportLayout(ExportSplit Train, ExportSplit Validation,
    IReadOnlyDictionary<string, ExportLayout.KindTokens>? ByKind, string? WhyNoKinds)
{
    /// <summary>One kind's spans and token counts in each split.</summary>
    public sealed record KindTokens(IReadOnlyList<TokenSpan> Train, long TrainTokens, IReadOnlyList<TokenSpan> Validation, long ValidationTokens);

    public static async Task<ExportLayout> ReadAsync(NpgsqlDataSource db, MusicPileHome home, SnapshotExporter.ExportRow export,
        ExportManifest manifest, CancellationToken ct)
    {
        var train = new ExportSplit(export.OutDir, manifest, TokenExporter.TrainSplit);
        var val = new ExportSplit(export.OutDir, manifest, TokenExporter.ValidationSplit);
        try
        {
            using var walk = new DocumentWalk(manifest, train, val);
            await foreach (var document in SnapshotExporter.DocumentsAsync(db, home, export.SnapshotId, null, ct).ConfigureAwait(false))
            {
                if (!walk.Add(document))
                    break;
            }
            var problem = walk.Finish();
            return problem is null
                ? new ExportLayout(train, val, walk.ByKind(), null)
                : new ExportLayout(train, val, null, problem);
        }
        catch (MusicPileException e) when (!e.IsUsage)
        {
            return new ExportLayout(train, val, null, e.Message);
        }
    }
}
