using Dapper;
using MusicPile.Core.Catalog;
using MusicPile.Core.Parquet;
using MusicPile.Samples;

namespace MusicPile.Ingest.Tests;

public sealed class SnapshotTests(ITestOutputHelper output)
{
    private const string Pipeline = """
        name: snapshot-test
        sources:
          - name: demo-abc
            kind: abc
            paths: ["abc/*.abc"]
          - name: demo-text
            kind: jsonl
            paths: ["text/*.jsonl", "text/*.jsonl.gz"]
        stages:
          - name: ingest
            type: ingest
          - name: normalize
            type: normalize
          - name: dedup
            type: dedup
          - name: publish
            type: publish
        """;

    [Fact]
    public async Task Planted_duplicates_are_found_and_no_original_is_lost()
    {
        var dir = TestPaths.NewTempDir();
        var planted = SampleSources.Write(dir, tunes: 160);
        await using var h = await PipelineHarness.CreateAsync("snap_planted");
        var run = await h.RunAsync(Pipeline, dir);
        var snapshot = (await SnapshotCatalog.LatestAsync(h.Db, CancellationToken.None))!;
        var counts = SnapshotCatalog.ParseCounts(snapshot.Counts);
        var removed = counts["duplicates_removed"];
        long exact = removed.GetProperty("exact").GetInt64(), music = removed.GetProperty("music").GetInt64(), near = removed.GetProperty("near").GetInt64();

        // Which originals survive: every composed tune's title must still be there once.
        var titles = new List<string>();
        var abcRows = 0;
        foreach (var f in await SnapshotCatalog.FilesAsync(h.Db, snapshot.Id, CancellationToken.None))
        {
            await foreach (var r in CorpusShardReader.ReadAsync(Path.Combine(h.Home.SnapshotsDir, snapshot.Id, f.Path), CancellationToken.None))
            {
                if (r.Kind == "abc")
                    abcRows++;
            }
        }
        await using var conn = await h.Db.OpenConnectionAsync();
        var clusters = (await conn.QueryAsync<(string Method, int Members)>(
            "SELECT method, cardinality(members) FROM dedup_clusters WHERE run_id = @id", new { id = run.RunId })).ToList();
        var musicPlanted = planted.TransposedCopies + planted.OrnamentedCopies;
        output.WriteLine($"planted exact {planted.ExactCopies}, music {musicPlanted}, near {planted.NearCopies}; removed exact {exact}, music {music}, near {near}; clusters {clusters.Count}");
        var abcRecall = (double)(Math.Min(exact, planted.ExactCopies) + Math.Min(music, musicPlanted) + Math.Min(near, planted.NearCopies))
            / (planted.ExactCopies + musicPlanted + planted.NearCopies);
        output.WriteLine($"recall over planted tune copies: {abcRecall:P1}; abc rows kept {abcRows} (originals {planted.Tunes} + legacy 1)");

        Assert.True(exact >= planted.ExactCopies, $"exact {exact}");
        Assert.Equal(musicPlanted, music);
        Assert.True(near >= planted.NearCopies * 7 / 10, $"near {near}");
        // Precision: the originals all survive; only copies were removed.
        Assert.True(abcRows >= planted.Tunes + 1, $"{abcRows} abc rows");
        Assert.True(abcRows <= planted.Tunes + 1 + planted.NearCopies - near + 0, $"{abcRows} abc rows");
        Assert.Equal(exact + music + near, clusters.Sum(c => c.Members - 1));
    }

    [Fact]
    public async Task Two_runs_on_the_same_data_give_identical_snapshots()
    {
        var dir = TestPaths.NewTempDir();
        SampleSources.Write(dir, tunes: 80);
        await using var a = await PipelineHarness.CreateAsync("snap_a");
        await using var b = await PipelineHarness.CreateAsync("snap_b");
        await a.RunAsync(Pipeline, dir, workers: 1);
        await b.RunAsync(Pipeline, dir, workers: 2);
        var sa = (await SnapshotCatalog.LatestAsync(a.Db, CancellationToken.None))!;
        var sb = (await SnapshotCatalog.LatestAsync(b.Db, CancellationToken.None))!;
        Assert.Equal(sa.Id, sb.Id);
        Assert.Equal(sa.ManifestSha256, sb.ManifestSha256);
        var fa = await SnapshotCatalog.FilesAsync(a.Db, sa.Id, CancellationToken.None);
        var fb = await SnapshotCatalog.FilesAsync(b.Db, sb.Id, CancellationToken.None);
        Assert.Equal(fa, fb);
        foreach (var f in fa)
            Assert.Equal(f.Sha256, await Core.Text.ContentHash.OfFileAsync(Path.Combine(a.Home.SnapshotsDir, sa.Id, f.Path), CancellationToken.None));
    }

    [Fact]
    public async Task A_nightly_run_with_new_files_publishes_a_child_snapshot_deduplicated_against_its_parent()
    {
        var dir = TestPaths.NewTempDir();
        SampleSources.Write(dir, tunes: 80);
        var later = Path.Combine(dir, "abc", "copies.abc");
        var held = later + ".later";
        File.Move(later, held);
        await using var h = await PipelineHarness.CreateAsync("snap_incremental");
        await h.RunAsync(Pipeline, dir);
        var parent = (await SnapshotCatalog.LatestAsync(h.Db, CancellationToken.None))!;

        File.Move(held, later);
        var second = await h.RunAsync(Pipeline, dir);
        Assert.Equal(1, second.Stage("ingest")!.Counters.Extra["files"]);
        Assert.Equal(1, second.Stage("dedup")!.Counters.Extra["previous_index"]);
        Assert.True(second.Stage("dedup")!.Counters.Extra["documents_carried"] > parent.Documents);
        var child = (await SnapshotCatalog.LatestAsync(h.Db, CancellationToken.None))!;
        Assert.Equal(parent.Id, child.Parent);
        // Exact and transposed/ornamented copies of tunes already published are dropped: the child is what one run
        // over all the files publishes.
        await using var scratch = await PipelineHarness.CreateAsync("snap_scratch");
        await scratch.RunAsync(Pipeline, dir);
        var expected = (await SnapshotCatalog.LatestAsync(scratch.Db, CancellationToken.None))!;
        var removed = SnapshotCatalog.ParseCounts(child.Counts)["duplicates_removed"];
        var removedScratch = SnapshotCatalog.ParseCounts(expected.Counts)["duplicates_removed"];
        foreach (var method in new[] { "exact", "music", "near" })
            Assert.Equal(removedScratch.GetProperty(method).GetInt64(), removed.GetProperty(method).GetInt64());
        Assert.Equal(expected.Documents, child.Documents);
        Assert.True(child.Documents > parent.Documents && child.Documents <= parent.Documents + 10, $"{parent.Documents} -> {child.Documents}");
        // The parent is unchanged: its files are still there with their checksums.
        foreach (var f in await SnapshotCatalog.FilesAsync(h.Db, parent.Id, CancellationToken.None))
            Assert.Equal(f.Sha256, await Core.Text.ContentHash.OfFileAsync(Path.Combine(h.Home.SnapshotsDir, parent.Id, f.Path), CancellationToken.None));
    }
}
