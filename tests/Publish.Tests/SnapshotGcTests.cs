using MusicPile.Core.Catalog;
using MusicPile.Core.Text;
using MusicPile.Tokenize;

namespace MusicPile.Publish.Tests;

public sealed class SnapshotGcTests(ITestOutputHelper output)
{
    private static readonly string Pipeline = NightHarness.NightlyPipeline("gc", ("folk", "abc", "folk", null), ("more", "abc", "more", null));

    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Gc_spares_snapshots_an_export_uses_and_never_breaks_the_files_kept_snapshots_share()
    {
        var tunes = SharedTunes.Load(60);
        var dir = TestPaths.NewTempDir("musicpile-gc");
        Directory.CreateDirectory(Path.Combine(dir, "folk"));
        Directory.CreateDirectory(Path.Combine(dir, "more"));
        await File.WriteAllTextAsync(Path.Combine(dir, "more", "m.abc"), string.Join("\n", tunes.Skip(40)));
        await using var h = await NightHarness.CreateAsync("gc");
        var ids = new List<string>();
        for (var night = 0; night < 4; night++)
        {
            // Only 'folk' changes: the file of 'more' is hard-linked from each snapshot into the next.
            await File.WriteAllTextAsync(Path.Combine(dir, "folk", "f.abc"), string.Join("\n", tunes.Take(10 + 10 * night)));
            await h.RunAsync(Pipeline, dir);
            ids.Add((await h.LatestAsync()).Id);
        }
        Assert.Equal(4, ids.Distinct().Count());
        var moreFile = (await SnapshotCatalog.FilesAsync(h.Db, ids[3], Ct)).Single(f => f.Source == "more");
        Assert.All(ids, id => Assert.Contains(SnapshotCatalog.FilesAsync(h.Db, id, Ct).Result, f => f.Path == moreFile.Path));
        Assert.Equal(4, DiskUsage.LinkCount(Path.Combine(h.Home.SnapshotsDir, ids[3], moreFile.Path)));

        var export = await SnapshotExporter.ExportAsync(h.Db, h.Home, ids[1],
            new ExportOptions { Tokenizer = "tiktoken:gpt2", Format = ShardFormat.NanoGpt, ValidationFraction = 0.1 }, null, Ct);

        var dry = await SnapshotGc.RunAsync(h.Db, h.Home, keep: 1, dryRun: true, force: false, Ct);
        Assert.Equal([ids[0], ids[2]], dry.Removed);
        Assert.Equal(ids[1], Assert.Single(dry.Skipped).Id);
        Assert.Equal([export.Row.Id], dry.Skipped[0].Exports);
        Assert.All(ids, id => Assert.True(Directory.Exists(Path.Combine(h.Home.SnapshotsDir, id))));
        Assert.Equal(4, (await SnapshotCatalog.ListAsync(h.Db, Ct)).Count);

        var gc = await SnapshotGc.RunAsync(h.Db, h.Home, keep: 1, dryRun: false, force: false, Ct);
        output.WriteLine($"gc: removed {string.Join(", ", gc.Removed)}; disk {gc.BytesBefore} -> {gc.BytesAfter} bytes, {gc.FilesBefore} -> {gc.FilesAfter} files");
        Assert.Equal(dry.Removed, gc.Removed);
        Assert.Equal(dry.BytesAfter, gc.BytesAfter);
        Assert.True(gc.BytesFreed > 0 && gc.BytesAfter > 0);
        Assert.Equal([ids[1], ids[3]], (await SnapshotCatalog.ListAsync(h.Db, Ct)).Select(s => s.Id));
        Assert.False(Directory.Exists(Path.Combine(h.Home.SnapshotsDir, ids[0])));
        Assert.False(Directory.Exists(Path.Combine(h.Home.SnapshotsDir, ids[2])));
        await AssertIntactAsync(h, ids[1]);
        await AssertIntactAsync(h, ids[3]);
        Assert.Equal(2, DiskUsage.LinkCount(Path.Combine(h.Home.SnapshotsDir, ids[3], moreFile.Path)));
        Assert.Empty(await SnapshotDocumentCatalog.OfSnapshotAsync(h.Db, ids[0], Ct));

        // Forced, the exported snapshot goes too; the latest stays whole and the next run builds on it.
        var forced = await SnapshotGc.RunAsync(h.Db, h.Home, keep: 1, dryRun: false, force: true, Ct);
        Assert.Equal([ids[1]], forced.Removed);
        await AssertIntactAsync(h, ids[3]);
        Assert.Equal(1, DiskUsage.LinkCount(Path.Combine(h.Home.SnapshotsDir, ids[3], moreFile.Path)));
        await File.AppendAllTextAsync(Path.Combine(dir, "folk", "f.abc"), "\n" + tunes[55]);
        await h.RunAsync(Pipeline, dir);
        var next = await h.LatestAsync();
        Assert.Equal(ids[3], next.Parent);
        await AssertIntactAsync(h, next.Id);
    }

    private static async Task AssertIntactAsync(NightHarness h, string id)
    {
        foreach (var f in await SnapshotCatalog.FilesAsync(h.Db, id, Ct))
            Assert.Equal(f.Sha256, await ContentHash.OfFileAsync(Path.Combine(h.Home.SnapshotsDir, id, f.Path), Ct));
    }
}
