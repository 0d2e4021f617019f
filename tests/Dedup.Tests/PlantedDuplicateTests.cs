using MusicPile.Core.Records;
using MusicPile.Dedup;

namespace MusicPile.Dedup.Tests;

public sealed class PlantedDuplicateTests(ITestOutputHelper output)
{
    [Fact]
    public async Task FindsPlantedDuplicatesPerMethodWithHighPrecisionAndRecall()
    {
        var corpus = PlantedCorpus.Generate(seed: 7, texts: 600, tunes: 600);
        var work = TestPaths.NewTempDir();
        var (result, clusters) = await DedupRunner.RunAsync(new DedupOptions(), corpus.Select(p => p.Document), work);

        var byId = corpus.ToDictionary(p => p.Document.Id);
        var removedBy = new Dictionary<long, (DedupMethod Method, long Representative)>();
        foreach (var c in clusters)
            foreach (var m in c.Members.Where(m => m != c.Representative))
                removedBy.Add(m, (c.Method, c.Representative));

        var planted = new Dictionary<Planted, DedupMethod> { [Planted.Exact] = DedupMethod.Exact, [Planted.Transposed] = DedupMethod.Music, [Planted.Near] = DedupMethod.Near };
        foreach (var (kind, method) in planted)
        {
            var copies = corpus.Where(p => p.Kind == kind).ToList();
            var found = copies.Count(p => removedBy.TryGetValue(p.Document.Id, out var r) && byId[r.Representative].Group == p.Group);
            var removed = removedBy.Where(r => r.Value.Method == method).ToList();
            var correct = removed.Count(r => byId[r.Key].Group == byId[r.Value.Representative].Group);
            var recall = (double)found / copies.Count;
            var precision = removed.Count == 0 ? 1 : (double)correct / removed.Count;
            output.WriteLine($"{method}: planted {copies.Count}, removed {removed.Count}, recall {recall:F3}, precision {precision:F3}");
            Assert.True(precision >= 0.95, $"{method} precision {precision}");
            Assert.True(recall >= (method == DedupMethod.Near ? 0.9 : 1.0), $"{method} recall {recall}");
        }

        var originals = corpus.Where(p => p.Kind == Planted.Original).Select(p => p.Document.Id).ToHashSet();
        var lostOriginals = originals.Count(id => removedBy.ContainsKey(id));
        output.WriteLine($"documents {result.DocumentsIn}, kept {result.KeptIds.Count}, originals removed {lostOriginals}, candidates {result.Stats.CandidatePairs}, verified {result.Stats.VerifiedPairs}");
        Assert.Equal(0, lostOriginals);
        Assert.Equal(result.DocumentsIn - result.Removed, result.KeptIds.Count);
        Assert.Empty(Directory.GetFileSystemEntries(work));
    }

    [Theory]
    [InlineData(RepresentativePolicy.Earliest)]
    [InlineData(RepresentativePolicy.Longest)]
    [InlineData(RepresentativePolicy.Cleanest)]
    public async Task RepresentativeFollowsPolicy(RepresentativePolicy policy)
    {
        DedupDocument Doc(long id, string text, int diagnostics, long order) => new(id, text, "text", "t", null, diagnostics, order);
        var body = string.Join(' ', Enumerable.Range(0, 80).Select(i => $"word{i}"));
        var docs = new[]
        {
            Doc(1, body + " tail", 5, 10),
            Doc(2, body + " tail", 5, 3),
            Doc(3, body + " tail end", 0, 7),
            Doc(4, body + " tail end more", 2, 8),
        };
        var (result, clusters) = await DedupRunner.RunAsync(new DedupOptions { Representative = policy }, docs, TestPaths.NewTempDir());
        var expected = policy switch { RepresentativePolicy.Earliest => 2L, RepresentativePolicy.Longest => 4L, _ => 3L };
        Assert.Equal([expected], result.KeptIds);
        Assert.All(clusters.Where(c => c.Method == DedupMethod.Near), c => Assert.Equal(expected, c.Representative));
    }
}
