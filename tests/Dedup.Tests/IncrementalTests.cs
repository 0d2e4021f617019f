using MusicPile.Dedup;

namespace MusicPile.Dedup.Tests;

public sealed class IncrementalTests(ITestOutputHelper output)
{
    [Fact]
    public async Task IncrementalRunOnTopOfAKeepsWhatTheFullRunKeeps()
    {
        var corpus = PlantedCorpus.Generate(seed: 23, texts: 300, tunes: 300);
        var shuffled = corpus.OrderBy(p => (p.Document.Id * 2654435761L) % 1000003).Select((p, i) => p.Document with { Order = i }).ToList();
        var a = shuffled.Take(shuffled.Count / 2).ToList();
        var b = shuffled.Skip(shuffled.Count / 2).ToList();
        var work = TestPaths.NewTempDir();
        var options = new DedupOptions();

        var full = await DedupRunner.RunAsync(options, shuffled, work);
        var first = await DedupRunner.RunAsync(options, a, work, indexDirectory: Path.Combine(work, "snap-1"));
        var index = await DedupIndex.OpenAsync(Path.Combine(work, "snap-1"), options, TestContext.Current.CancellationToken);
        Assert.Equal(first.Result.KeptIds.Count, index.Documents);
        var second = await DedupRunner.RunAsync(options, b, work, previous: index, indexDirectory: Path.Combine(work, "snap-2"));

        var incremental = first.Result.KeptIds.Concat(second.Result.KeptIds).Order().ToList();
        output.WriteLine($"full kept {full.Result.KeptIds.Count}; A kept {first.Result.KeptIds.Count}, B kept {second.Result.KeptIds.Count} " +
                         $"(removed exact {second.Result.RemovedExact}, music {second.Result.RemovedMusic}, near {second.Result.RemovedNear})");
        Assert.Equal(full.Result.KeptIds.Order(), incremental);
        Assert.Contains(second.Clusters, c => c.Members[0] == c.Representative && first.Result.KeptIds.Contains(c.Representative));

        var next = await DedupIndex.OpenAsync(Path.Combine(work, "snap-2"), options, TestContext.Current.CancellationToken);
        Assert.Equal(incremental.Count, next.Documents);
    }

    [Fact]
    public async Task RerunOfTheSameDocumentsAgainstTheirIndexDropsThemAll()
    {
        var docs = PlantedCorpus.Generate(seed: 5, texts: 50, tunes: 50).Select(p => p.Document).ToList();
        var work = TestPaths.NewTempDir();
        await DedupRunner.RunAsync(new DedupOptions(), docs, work, indexDirectory: Path.Combine(work, "index"));
        var index = await DedupIndex.OpenAsync(Path.Combine(work, "index"), new DedupOptions(), TestContext.Current.CancellationToken);
        var again = docs.Select(d => d with { Id = d.Id + 1_000_000 }).ToList();
        var (result, _) = await DedupRunner.RunAsync(new DedupOptions(), again, work, previous: index);
        Assert.Empty(result.KeptIds);
        Assert.Equal(docs.Count, result.RemovedExact);
    }
}
