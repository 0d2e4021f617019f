using System.Diagnostics;
using MusicPile.Abc;

namespace MusicPile.Publish.Tests;

/// <summary>
/// The invariant of incremental runs: every night's snapshot holds exactly what a from-scratch run over the same files
/// with the same pipeline publishes (the same documents by content hash and id, so the same counts per source and kind),
/// whatever changed since the night before.
/// </summary>
public sealed class NightlyInvariantTests(ITestOutputHelper output)
{
    private const int Nights = 20;

    private static string Pipeline(bool withMore, int minWords, string representative) => $$"""
        name: nights
        sources:
          - name: folk
            kind: abc
            paths: ["folk/*.abc"]
            licence: GPL-3.0
        {{(withMore ? """
          - name: more
            kind: abc
            paths: ["more/*.abc"]
            licence: GPL-3.0
        """ : "")}}
          - name: notes
            kind: jsonl
            paths: ["notes/*.jsonl"]
            licence: CC-BY-SA-4.0
        stages:
          - name: ingest
            type: ingest
          - name: normalize
            type: normalize
            options:
              min_words: {{minWords}}
          - name: dedup
            type: dedup
            options:
              representative: {{representative}}
          - name: publish
            type: publish
        """;

    [Fact]
    public async Task Every_night_the_incremental_snapshot_equals_a_rebuild_of_that_nights_files()
    {
        var dir = TestPaths.NewTempDir("musicpile-nights");
        var corpus = new NightlyCorpus(dir, seed: 20240611, SharedTunes.Load(320), SharedTunes.Captions(400));
        for (var i = 0; i < 8; i++)
            corpus.AddAbc("folk", 18);
        for (var i = 0; i < 3; i++)
            corpus.AddAbc("more", 12);
        corpus.AddCaptions(20);
        corpus.AddCaptions(20);
        corpus.Write();
        var rng = new Random(7);
        var (withMore, minWords, representative) = (true, 5, "earliest");
        await using var nightly = await NightHarness.CreateAsync("nights");
        var clock = Stopwatch.StartNew();
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        for (var night = 0; night < Nights; night++)
        {
            var changes = new List<string>();
            if (night > 0)
            {
                for (var n = rng.Next(1, 4); n > 0; n--)
                    changes.Add(corpus.Change());
                // Now and then the pipeline itself changes: a source leaves or comes back, a stage's options change.
                var pick = rng.Next(12);
                switch (night == 12 ? 2 : pick)
                {
                    case 0:
                        withMore = !withMore;
                        changes.Add(withMore ? "source 'more' back in the pipeline" : "source 'more' out of the pipeline");
                        break;
                    case 1:
                        minWords = minWords == 5 ? 12 : 5;
                        changes.Add($"normalize min_words {minWords}");
                        break;
                    case 2:
                        representative = representative == "earliest" ? "longest" : "earliest";
                        changes.Add($"dedup representative {representative}");
                        break;
                }
                corpus.Write();
            }
            kinds.UnionWith(changes.Select(c => c.Split(' ')[0]));
            var yaml = Pipeline(withMore, minWords, representative);
            var run = await nightly.RunAsync(yaml, dir);
            var incremental = NightHarness.Contents(await nightly.DocumentsAsync());

            await using var scratch = await NightHarness.CreateAsync($"scratch{night}");
            await scratch.RunAsync(yaml, dir);
            var rebuilt = NightHarness.Contents(await scratch.DocumentsAsync());

            var ingest = run.Stage("ingest")!.Counters;
            output.WriteLine($"night {night}: {string.Join("; ", changes)} -> {incremental.Count} documents " +
                $"(read {ingest.RecordsIn} records of {ingest.Extra.GetValueOrDefault("files")} files, carried {ingest.Extra.GetValueOrDefault("records_unchanged")}, " +
                $"dedup new {run.Stage("dedup")!.Counters.Extra.GetValueOrDefault("documents_new")} carried {run.Stage("dedup")!.Counters.Extra.GetValueOrDefault("documents_carried")})");
            Assert.Equal(rebuilt.Count, incremental.Count);
            Assert.Equal(rebuilt, incremental);
        }
        output.WriteLine($"{Nights} nights with rebuilds in {clock.Elapsed.TotalSeconds:F0} s");
        // The seeded sequence made every kind of change at least once.
        Assert.Superset(new HashSet<string> { "add", "delete", "edit", "rename", "touch", "source", "normalize", "dedup" }, kinds);
    }

    [Fact]
    public async Task When_a_representative_leaves_its_duplicate_takes_its_place()
    {
        var tunes = SharedTunes.Load(12);
        var dir = TestPaths.NewTempDir("musicpile-representative");
        Directory.CreateDirectory(Path.Combine(dir, "folk"));
        Directory.CreateDirectory(Path.Combine(dir, "notes"));
        var a = Path.Combine(dir, "folk", "a.abc");
        var transposed = AbcNormalizer.Normalize(AbcDocument.ParseTune(tunes[0])!, AbcNormalizerOptions.Default with { Transpose = 2 }).Text;
        await File.WriteAllTextAsync(a, string.Join("\n", tunes.Take(6)));
        await File.WriteAllTextAsync(Path.Combine(dir, "folk", "b.abc"), string.Join("\n", tunes.Skip(6)) + "\n" + transposed);
        await File.WriteAllLinesAsync(Path.Combine(dir, "notes", "n.jsonl"), SharedTunes.Captions(5));
        var yaml = Pipeline(false, 5, "earliest");
        await using var h = await NightHarness.CreateAsync("representative");
        await h.RunAsync(yaml, dir);
        var before = await h.DocumentsAsync();
        Assert.Contains(before, d => d.SourceUri == a + "#line 1");
        Assert.DoesNotContain(before, d => d.SourceUri.Contains("b.abc", StringComparison.Ordinal) && d.Sha256 == Core.Text.ContentHash.Of(transposed));

        File.Delete(a);
        await h.RunAsync(yaml, dir);
        var after = await h.DocumentsAsync();
        Assert.DoesNotContain(after, d => d.SourceUri.StartsWith(a, StringComparison.Ordinal));
        Assert.Contains(after, d => d.SourceUri.Contains("b.abc", StringComparison.Ordinal) && d.Sha256 == Core.Text.ContentHash.Of(transposed));
        Assert.Equal(before.Count - 5, after.Count);
    }
}
