using MusicPile.Dedup;

namespace MusicPile.Dedup.Tests;

public sealed class ExternalMemoryTests(ITestOutputHelper output)
{
    private static readonly List<PlantedDocument> Corpus = PlantedCorpus.Generate(seed: 11, texts: 300, tunes: 300);

    [Fact]
    public async Task TwoRunsGiveIdenticalClustersAndByteIdenticalIndexes()
    {
        var work = TestPaths.NewTempDir();
        var docs = Corpus.Select(p => p.Document).ToList();
        var a = await DedupRunner.RunAsync(new DedupOptions { Parallelism = 2, BatchSize = 64 }, docs, work, indexDirectory: Path.Combine(work, "index-a"));
        var b = await DedupRunner.RunAsync(new DedupOptions { Parallelism = 1, BatchSize = 1000 }, docs, work, indexDirectory: Path.Combine(work, "index-b"));

        Assert.Equal(a.Result.KeptIds, b.Result.KeptIds);
        Assert.Equal(Describe(a.Clusters), Describe(b.Clusters));
        var files = Directory.GetFiles(Path.Combine(work, "index-a")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(files, Directory.GetFiles(Path.Combine(work, "index-b")).Select(Path.GetFileName).Order());
        foreach (var file in files)
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(work, "index-a", file!), TestContext.Current.CancellationToken),
                         await File.ReadAllBytesAsync(Path.Combine(work, "index-b", file!), TestContext.Current.CancellationToken));
        output.WriteLine($"{files.Count} index files identical; {a.Clusters.Count} clusters");
    }

    [Fact]
    public async Task TinyBudgetSpillsManyRunsAndGivesTheSameResult()
    {
        var work = TestPaths.NewTempDir();
        var docs = Corpus.Select(p => p.Document).ToList();
        var big = await DedupRunner.RunAsync(new DedupOptions(), docs, work, indexDirectory: Path.Combine(work, "big"));
        var tiny = await DedupRunner.RunAsync(new DedupOptions { MemoryBudgetBytes = 64 << 10, MergeFanIn = 4 }, docs, work, indexDirectory: Path.Combine(work, "tiny"));

        output.WriteLine($"big budget: {big.Result.Stats.SpilledRuns} runs; tiny budget: {tiny.Result.Stats.SpilledRuns} runs, {tiny.Result.Stats.MergePasses} merge passes");
        Assert.Equal(0, big.Result.Stats.SpilledRuns);
        Assert.True(tiny.Result.Stats.SpilledRuns > 4);
        Assert.True(tiny.Result.Stats.MergePasses > 0);
        Assert.Equal(big.Result.KeptIds, tiny.Result.KeptIds);
        Assert.Equal(Describe(big.Clusters), Describe(tiny.Clusters));
        foreach (var file in Directory.GetFiles(Path.Combine(work, "big")))
            Assert.Equal(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken),
                         await File.ReadAllBytesAsync(Path.Combine(work, "tiny", Path.GetFileName(file)), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CancelledRunLeavesNoFilesBehind()
    {
        var work = TestPaths.NewTempDir();
        using var cts = new CancellationTokenSource();
        var seen = 0;
        async IAsyncEnumerable<DedupDocument> Docs()
        {
            foreach (var p in Corpus)
            {
                if (++seen == 500) await cts.CancelAsync();
                await Task.Yield();
                yield return p.Document;
            }
        }
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new Deduplicator(new DedupOptions { MemoryBudgetBytes = 64 << 10, BatchSize = 100 }).RunAsync(Docs(), work, indexDirectory: Path.Combine(work, "index"), ct: cts.Token));
        Assert.Empty(Directory.GetFileSystemEntries(work));
    }

    internal static List<string> Describe(IEnumerable<DedupCluster> clusters) =>
        clusters.Select(c => $"{c.ClusterId}:{c.Method}:{c.Representative}:{string.Join(',', c.Members)}:{c.Similarity:R}").ToList();
}
