using MusicPile.Abc;
using MusicPile.Core;
using MusicPile.Core.Catalog;
using MusicPile.Core.Text;

namespace MusicPile.Publish.Tests;

public sealed class TakedownTests(ITestOutputHelper output)
{
    private static readonly string Pipeline = NightHarness.NightlyPipeline("takedowns", ("folk", "abc", "folk", null), ("notes", "jsonl", "notes", null));

    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task A_takedown_leaves_the_next_snapshot_and_stays_out_when_the_content_comes_back()
    {
        var tunes = SharedTunes.Load(30);
        var dir = TestPaths.NewTempDir("musicpile-takedown");
        Directory.CreateDirectory(Path.Combine(dir, "folk"));
        Directory.CreateDirectory(Path.Combine(dir, "notes"));
        var a = Path.Combine(dir, "folk", "a.abc");
        var b = Path.Combine(dir, "folk", "b.abc");
        var c = Path.Combine(dir, "folk", "c.abc");
        // b holds the first tune of a transposed: a music duplicate, removed while a's tune is there.
        var transposed = AbcNormalizer.Normalize(AbcDocument.ParseTune(tunes[0])!, AbcNormalizerOptions.Default with { Transpose = 2 }).Text;
        await File.WriteAllTextAsync(a, string.Join("\n", tunes.Take(10)));
        await File.WriteAllTextAsync(b, string.Join("\n", tunes.Skip(10).Take(10)) + "\n" + transposed);
        await File.WriteAllTextAsync(c, string.Join("\n", tunes.Skip(20).Take(10)));
        await File.WriteAllLinesAsync(Path.Combine(dir, "notes", "n.jsonl"), SharedTunes.Captions(10));
        await using var h = await NightHarness.CreateAsync("takedown");
        await h.RunAsync(Pipeline, dir);
        var first = await h.DocumentsAsync();
        var tune0 = first.Single(d => d.SourceUri == a + "#line 1");
        Assert.DoesNotContain(first, d => SnapshotDocumentCatalog.SourcePathOf(d.SourceUri) == b && d.Text == Normalized(transposed));

        // One document by content hash: it leaves, and its music duplicate takes its place.
        var t1 = await Takedowns.RecordAsync(h.Db, TakedownCatalog.Kinds.Document, tune0.Sha256, "licence withdrawn", "tester", Ct);
        Assert.Equal(1, t1.Documents);
        var run = await h.RunAsync(Pipeline, dir);
        Assert.Equal(1, run.Stage("dedup")!.Counters.Extra["taken_down"]);
        var second = await h.DocumentsAsync();
        Assert.DoesNotContain(second, d => d.Sha256 == tune0.Sha256);
        Assert.Contains(second, d => SnapshotDocumentCatalog.SourcePathOf(d.SourceUri) == b && d.Text == Normalized(transposed));
        Assert.Equal(first.Count, second.Count);

        // A whole file: its documents leave; the same content back under another name stays out.
        var cShas = second.Where(d => SnapshotDocumentCatalog.SourcePathOf(d.SourceUri) == c).Select(d => d.Sha256).ToHashSet();
        Assert.Equal(10, cShas.Count);
        var t2 = await Takedowns.RecordAsync(h.Db, TakedownCatalog.Kinds.File, c, "", "tester", Ct);
        Assert.Equal(10, t2.Documents);
        await h.RunAsync(Pipeline, dir);
        var third = await h.DocumentsAsync();
        Assert.DoesNotContain(third, d => cShas.Contains(d.Sha256));
        Assert.Equal(second.Count - 10, third.Count);
        File.Move(c, Path.Combine(dir, "folk", "c-again.abc"));
        await h.RunAsync(Pipeline, dir);
        Assert.DoesNotContain(await h.DocumentsAsync(), d => cShas.Contains(d.Sha256));

        // The taken-down tune's file deleted and added again: the tune stays out.
        var aText = await File.ReadAllTextAsync(a);
        File.Delete(a);
        await h.RunAsync(Pipeline, dir);
        await File.WriteAllTextAsync(a, aText);
        await h.RunAsync(Pipeline, dir);
        var last = await h.DocumentsAsync();
        Assert.DoesNotContain(last, d => d.Sha256 == tune0.Sha256 || cShas.Contains(d.Sha256));
        Assert.Contains(last, d => SnapshotDocumentCatalog.SourcePathOf(d.SourceUri) == a);

        // A source: every document of it leaves.
        await Takedowns.RecordAsync(h.Db, TakedownCatalog.Kinds.Source, "notes", "", "tester", Ct);
        await h.RunAsync(Pipeline, dir);
        Assert.DoesNotContain(await h.DocumentsAsync(), d => d.Kind == "text");
        var list = await TakedownCatalog.ListAsync(h.Db, Ct);
        Assert.Equal(["document", "file", "source"], list.Select(t => t.Kind));
        Assert.All(list, t => Assert.Equal("tester", t.CreatedBy));
        Assert.Equal("licence withdrawn", list[0].Reason);
        output.WriteLine($"documents: {first.Count} -> {second.Count} -> {third.Count} -> {last.Count}");
    }

    [Fact]
    public async Task A_takedown_of_something_unknown_is_a_usage_error()
    {
        await using var h = await NightHarness.CreateAsync("takedown_unknown");
        var e1 = await Assert.ThrowsAsync<MusicPileException>(() => Takedowns.RecordAsync(h.Db, TakedownCatalog.Kinds.Source, "nope", "", "t", Ct));
        var e2 = await Assert.ThrowsAsync<MusicPileException>(() => Takedowns.RecordAsync(h.Db, TakedownCatalog.Kinds.File, "/no/such.abc", "", "t", Ct));
        var e3 = await Assert.ThrowsAsync<MusicPileException>(() => Takedowns.RecordAsync(h.Db, TakedownCatalog.Kinds.Document, new string('a', 64), "", "t", Ct));
        var e4 = await Assert.ThrowsAsync<MusicPileException>(() => Takedowns.RecordAsync(h.Db, TakedownCatalog.Kinds.Document, "abc", "", "t", Ct));
        Assert.All(new[] { e1, e2, e3, e4 }, e => Assert.True(e.IsUsage));
        Assert.Contains("nope", e1.Message, StringComparison.Ordinal);
        Assert.Contains("/no/such.abc", e2.Message, StringComparison.Ordinal);
        Assert.Empty(await TakedownCatalog.ListAsync(h.Db, Ct));
    }

    private static string Normalized(string abc) => AbcNormalizer.Normalize(AbcDocument.ParseTune(abc)!, AbcNormalizerOptions.Default).Text;
}
