using System.Text.Json;
using MusicPile.Core.Parquet;
using MusicPile.Core.Pipelines;

namespace MusicPile.Ingest.Tests;

/// <summary>The normalise stage's transposed copies are counted as created, and their metadata stays valid JSON.</summary>
public sealed class NormalizeCountersTests
{
    private const string Pipeline = """
        name: transpose-test
        sources:
          - name: tunes
            kind: abc
            paths: ["*.abc"]
            licence: "CC0 \"quoted\""
        stages:
          - name: ingest
          - name: normalize
            options:
              transpose_keys: 2
        """;

    [Fact]
    public async Task Transposed_copies_are_created_records_and_every_record_is_accounted_for()
    {
        var dir = TestPaths.NewTempDir();
        await File.WriteAllTextAsync(Path.Combine(dir, "tunes.abc"),
            "X:1\nT:One\nM:4/4\nL:1/8\nK:D\nDFAd fdAF|GBdg fdAF|\n\nX:2\nT:Two\nM:3/4\nL:1/8\nK:G\nGBd gdB|AGF G4|\n\nX:3\nT:Broken\nM:4/4\nL:1/8\nK:C\n");
        await using var h = await PipelineHarness.CreateAsync("normalize_created");
        var result = await h.RunAsync(Pipeline, dir);
        var normalize = result.Stage("normalize")!.Counters;

        Assert.True(normalize.AddsUp, $"in {normalize.RecordsIn} + created {normalize.Created} != kept {normalize.Kept} + rejected {normalize.Rejected} + removed {normalize.Removed}");
        var originals = normalize.RecordsIn - normalize.Rejected;
        Assert.Equal(2 * originals, normalize.Created);
        Assert.True(normalize.BytesIn > 0);

        var shifts = new List<int>();
        foreach (var o in result.Stage("normalize")!.Outputs.Where(o => o.Role == TaskOutputFile.Roles.Data))
        {
            await foreach (var r in CorpusShardReader.ReadAsync(o.Path, CancellationToken.None))
            {
                using var meta = JsonDocument.Parse(r.Meta);
                Assert.Equal("CC0 \"quoted\"", meta.RootElement.GetProperty("licence").GetString());
                if (meta.RootElement.TryGetProperty("transposed", out var t))
                    shifts.Add(t.GetInt32());
            }
        }
        Assert.Equal(normalize.Created, shifts.Count);
        Assert.Equal([-2, 2], shifts.Distinct().Order());
    }
}
