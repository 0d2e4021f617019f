using System.Text.Json;
using MusicPile.Dedup;

namespace MusicPile.Dedup.Tests;

public sealed class RealTextTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DistinctRealDocumentsAreAlmostAllKept()
    {
        var datasets = TestPaths.RequireDatasets();
        var docs = new List<DedupDocument>();
        foreach (var file in Directory.GetFiles(Path.Combine(datasets, "text"), "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            foreach (var line in await File.ReadAllLinesAsync(file, TestContext.Current.CancellationToken))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                using var json = JsonDocument.Parse(line);
                var text = json.RootElement.GetProperty("text").GetString() ?? "";
                docs.Add(new DedupDocument(docs.Count, text, "text", json.RootElement.GetProperty("src").GetString() ?? "", null, 0, docs.Count));
            }
        }
        var (result, clusters) = await DedupRunner.RunAsync(new DedupOptions(), docs, TestPaths.NewTempDir());
        output.WriteLine($"documents {result.DocumentsIn}, removed exact {result.RemovedExact}, near {result.RemovedNear}, " +
                         $"candidate pairs {result.Stats.CandidatePairs}, verified {result.Stats.VerifiedPairs}, " +
                         $"signatures {result.Stats.SignatureTime.TotalSeconds:F2}s, clusters {result.Stats.ClusterTime.TotalSeconds:F2}s");
        foreach (var c in clusters.Take(5))
            output.WriteLine($"  {c.Method} sim {c.Similarity:F2}: {string.Join(" | ", c.Members.Select(m => Snippet(docs[(int)m].Text)))}");
        Assert.True(docs.Count > 5000);
        Assert.True(result.Removed <= docs.Count / 200, $"{result.Removed} removed of {docs.Count} distinct documents");
    }

    private static string Snippet(string text) => text.Length <= 50 ? text : text[..50];
}
