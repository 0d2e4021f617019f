using Dapper;
using MusicPile.Core;
using MusicPile.Core.Catalog;
using MusicPile.Tokenize;

namespace MusicPile.Publish.Tests;

public sealed class LineageTests
{
    private static readonly string Pipeline = NightHarness.NightlyPipeline("lineage", ("folk", "abc", "folk", "GPL-3.0"), ("notes", "jsonl", "notes", "CC-BY-SA-4.0"));

    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task A_raw_file_leads_forward_to_its_snapshots_and_exports_and_an_export_back_to_its_sources_and_files()
    {
        var tunes = SharedTunes.Load(20);
        var dir = TestPaths.NewTempDir("musicpile-lineage");
        Directory.CreateDirectory(Path.Combine(dir, "folk"));
        Directory.CreateDirectory(Path.Combine(dir, "notes"));
        var a = Path.Combine(dir, "folk", "a.abc");
        var b = Path.Combine(dir, "folk", "b.abc");
        var notes = Path.Combine(dir, "notes", "n.jsonl");
        await File.WriteAllTextAsync(a, string.Join("\n", tunes.Take(10)));
        await File.WriteAllTextAsync(b, string.Join("\n", tunes.Skip(10)));
        await File.WriteAllLinesAsync(notes, SharedTunes.Captions(10));
        await using var h = await NightHarness.CreateAsync("lineage");
        await h.RunAsync(Pipeline, dir);
        var first = (await h.LatestAsync()).Id;
        File.Delete(b);
        await h.RunAsync(Pipeline, dir);
        var second = (await h.LatestAsync()).Id;
        var abcExport = await SnapshotExporter.ExportAsync(h.Db, h.Home, first,
            new ExportOptions { Tokenizer = "tiktoken:gpt2", Format = ShardFormat.NanoGpt, ValidationFraction = 0.1 }, null, Ct, kind: "abc");

        // Forward from a raw file: b is only in the first snapshot and its abc export.
        var ofB = await Lineage.OfFileAsync(h.Db, b, Ct);
        Assert.Equal([first], ofB.Snapshots.Select(s => s.Id));
        Assert.Equal(10, ofB.Snapshots[0].Matching);
        Assert.Equal([abcExport.Row.Id], ofB.Exports.Select(e => e.Id));
        var ofNotes = await Lineage.OfFileAsync(h.Db, notes, Ct);
        Assert.Equal([first, second], ofNotes.Snapshots.Select(s => s.Id));
        Assert.Empty(ofNotes.Exports); // the export took abc documents only

        // A training run on the export and its checkpoint show up forward, and lead back.
        var checkpoint = Path.Combine(h.Home.CheckpointsDir, "1", "step-2");
        Directory.CreateDirectory(checkpoint);
        var run = await TrainCatalog.StartAsync(h.Db, first, abcExport.Row.Id, "{}", null, "cpu", Ct);
        await TrainCatalog.RecordAsync(h.Db, run, [], [(2, checkpoint)], Ct);
        var sha = (await h.DocumentsAsync(first)).First(d => d.SourceUri.StartsWith(b, StringComparison.Ordinal)).Sha256;
        var ofDoc = await Lineage.OfDocumentAsync(h.Db, sha, Ct);
        Assert.Equal([first], ofDoc.Snapshots.Select(s => s.Id));
        Assert.Equal([run], ofDoc.TrainRuns.Select(r => r.Id));
        Assert.Equal([checkpoint], ofDoc.Checkpoints.Select(c => c.Path));
        Assert.Null(ofDoc.Sources);

        var back = await Lineage.OfCheckpointAsync(h.Db, checkpoint, Ct);
        Assert.Equal([first], back.Snapshots.Select(s => s.Id));
        Assert.Equal([abcExport.Row.Id], back.Exports.Select(e => e.Id));
        Assert.Equal([("folk", "GPL-3.0"), ("notes", "CC-BY-SA-4.0")], back.Sources!.Select(s => (s.Name, s.Licence)));
        Assert.Equal(new[] { a, b, notes }.Order(StringComparer.Ordinal), back.Files!.Select(f => f.Path));
        Assert.Equal("deleted", back.Files!.Single(f => f.Path == b).Status);

        var ofExport = await Lineage.OfExportAsync(h.Db, abcExport.Row.Id, Ct);
        Assert.Equal([("folk", "GPL-3.0")], ofExport.Sources!.Select(s => (s.Name, s.Licence)));
        Assert.Equal([a, b], ofExport.Files!.Select(f => f.Path));
        Assert.Equal([run], ofExport.TrainRuns.Select(r => r.Id));

        await Assert.ThrowsAsync<MusicPileException>(() => Lineage.OfDocumentAsync(h.Db, new string('0', 64), Ct));
        await Assert.ThrowsAsync<MusicPileException>(() => Lineage.OfExportAsync(h.Db, "e-none", Ct));
        await using var conn = await h.Db.OpenConnectionAsync();
        Assert.Equal(await conn.ExecuteScalarAsync<long>("SELECT documents FROM snapshots WHERE id = @first", new { first }),
            await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM snapshot_documents WHERE snapshot_id = @first", new { first }));
    }
}
