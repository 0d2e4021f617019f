using System.Diagnostics;
using System.Text.Json;
using MusicPile.Core.Catalog;
using MusicPile.Core.Parquet;
using MusicPile.Samples;
using Npgsql;

namespace MusicPile.Cli.Tests;

/// <summary>
/// Incremental nights through the command line: a night with deletions killed and rerun publishes what a rebuild of
/// its files publishes; lineage from a trained checkpoint back to raw files and forward; takedown and gc verbs.
/// </summary>
public sealed class NightlyCliTests(ITestOutputHelper output)
{
    private const string Pipeline = """
        name: nightly-cli
        sources:
          - name: tunes
            kind: abc
            paths: ["abc/*.abc"]
            licence: MusicPile demo (generated)
          - name: text
            kind: jsonl
            paths: ["text/*.jsonl", "text/*.jsonl.gz"]
            licence: CC-BY-4.0
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
    public async Task A_night_with_deletions_killed_and_rerun_publishes_the_rebuild_of_its_files()
    {
        var sources = TestPaths.NewTempDir();
        SampleSources.Write(sources, tunes: 900, seed: 5);
        var pipelineFile = Path.Combine(sources, "nightly.yaml");
        await File.WriteAllTextAsync(pipelineFile, Pipeline);
        var db = await TestDatabase.CreateDatabaseAsync("night_kill");
        var home = TestPaths.NewTempDir();
        var sw = Stopwatch.StartNew();
        var first = await Cli.RunAsync("run", pipelineFile, "--home", home, "--db", db);
        Assert.True(first.ExitCode == 0, first.StdErr);
        var firstSeconds = sw.Elapsed.TotalSeconds;

        // The night's changes: a third of the tune files and a text file deleted, one tune file cut short.
        var abc = Directory.GetFiles(Path.Combine(sources, "abc"), "*.abc").Order(StringComparer.Ordinal).ToList();
        foreach (var f in abc.Where((_, i) => i % 3 == 1))
            File.Delete(f);
        var cut = abc[0];
        var tunes = (await File.ReadAllTextAsync(cut)).Split("\n\n");
        await File.WriteAllTextAsync(cut, string.Join("\n\n", tunes.Take(tunes.Length / 2)));
        File.Delete(Directory.GetFiles(Path.Combine(sources, "text"), "*.jsonl").Order(StringComparer.Ordinal).First());

        var scratchDb = await TestDatabase.CreateDatabaseAsync("night_scratch");
        var scratch = await Cli.RunAsync("run", pipelineFile, "--home", TestPaths.NewTempDir(), "--db", scratchDb);
        Assert.True(scratch.ExitCode == 0, scratch.StdErr);
        var expected = await ContentsAsync(scratchDb, null);

        var rng = new Random(31);
        for (var kill = 0; kill < 4; kill++)
        {
            var at = TimeSpan.FromSeconds(0.2 + rng.NextDouble() * Math.Max(0.5, firstSeconds * 0.35));
            using var p = CrashTestSupport.Start("run", pipelineFile, "--home", home, "--db", db);
            using var cts = new CancellationTokenSource(at);
            try
            {
                await p.WaitForExitAsync(cts.Token);
                output.WriteLine($"run {kill} finished before its kill at {at.TotalSeconds:F1}s");
                continue;
            }
            catch (OperationCanceledException)
            {
                var stage = await CrashTestSupport.StageInProgressAsync(db);
                p.Kill(entireProcessTree: true);
                await p.WaitForExitAsync();
                output.WriteLine($"killed at {at.TotalSeconds:F1}s during {stage}");
            }
            await CrashTestSupport.AssertDoneMeansOnDiskAsync(db);
        }
        var last = await Cli.RunAsync("run", pipelineFile, "--home", home, "--db", db);
        Assert.True(last.ExitCode == 0, last.StdErr);
        var actual = await ContentsAsync(db, home);
        output.WriteLine($"first night {firstSeconds:F1}s; after deletions {actual.Count} documents, rebuild {expected.Count}");
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected, actual);
        await CrashTestSupport.AssertDoneMeansOnDiskAsync(db);
    }

    [Fact]
    public async Task Lineage_leads_from_a_trained_checkpoint_back_to_raw_files_and_from_a_raw_file_forward_to_it()
    {
        // The llama2 model comes from its pinned npm package (fetched once into the shared cache, checked by hash).
        var cache = Path.GetDirectoryName(await Tokenize.Llama2Package.EnsureModelAsync(cancellationToken: TestContext.Current.CancellationToken))!;
        var sources = TestPaths.NewTempDir();
        SampleSources.Write(sources, tunes: 160, seed: 9);
        var pipelineFile = Path.Combine(sources, "nightly.yaml");
        await File.WriteAllTextAsync(pipelineFile, Pipeline);
        var db = await TestDatabase.CreateDatabaseAsync("lineage_cli");
        var home = TestPaths.NewTempDir();
        Directory.CreateDirectory(Path.Combine(home, "tokenizers", "llama2"));
        foreach (var f in Directory.GetFiles(cache))
            File.Copy(f, Path.Combine(home, "tokenizers", "llama2", Path.GetFileName(f)));
        string[] Common(params string[] args) => [.. args, "--home", home, "--db", db];

        Assert.Equal(0, (await Cli.RunAsync(Common("run", pipelineFile))).ExitCode);
        var train = await Cli.RunAsync(Common("train", "--snapshot", "latest", "--config", Path.Combine(TestPaths.RepoRoot, "pipelines", "train-tiny.yaml"), "--steps", "2", "--json"));
        Assert.True(train.ExitCode == 0, train.StdErr);
        using var trained = JsonDocument.Parse(train.StdOut);
        var snapshot = trained.RootElement.GetProperty("snapshot").GetString()!;
        var runId = trained.RootElement.GetProperty("run").GetInt64();
        var checkpoint = trained.RootElement.GetProperty("checkpoint").GetString()!;

        // Back from the checkpoint: its snapshot, training run, sources with licences and the raw files.
        var back = await JsonAsync(Common("lineage", "--checkpoint", checkpoint, "--json"));
        Assert.Equal(snapshot, back.GetProperty("snapshots")[0].GetProperty("id").GetString());
        Assert.Equal(runId, back.GetProperty("train_runs")[0].GetProperty("id").GetInt64());
        Assert.Equal(checkpoint, back.GetProperty("checkpoints")[0].GetProperty("path").GetString());
        Assert.True(back.GetProperty("exports").GetArrayLength() >= 1);
        var licences = back.GetProperty("sources").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("licence").GetString());
        Assert.Equal("MusicPile demo (generated)", licences["tunes"]);
        Assert.Equal("CC-BY-4.0", licences["text"]);
        var files = back.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!).ToList();
        Assert.Contains(files, f => f.StartsWith(Path.Combine(sources, "text"), StringComparison.Ordinal));
        var abcFile = files.First(f => f.StartsWith(Path.Combine(sources, "abc"), StringComparison.Ordinal) && f.EndsWith(".abc", StringComparison.Ordinal));

        // Forward from a raw file: the snapshot, the exports, the training run and its checkpoint.
        var forward = await JsonAsync(Common("lineage", "--file", abcFile, "--json"));
        Assert.Contains(snapshot, forward.GetProperty("snapshots").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.True(forward.GetProperty("exports").GetArrayLength() >= 1);
        Assert.Contains(runId, forward.GetProperty("train_runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        Assert.Contains(checkpoint, forward.GetProperty("checkpoints").EnumerateArray().Select(c => c.GetProperty("path").GetString()));

        // Takedown of that file: recorded with who and why; the next snapshot leaves it out.
        var unknown = await Cli.RunAsync(Common("takedown", "--source", "no-such-source"));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no-such-source", unknown.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, (await Cli.RunAsync(Common("takedown", "--reason", "nothing named"))).ExitCode);
        var takedown = await JsonAsync(Common("takedown", "--file", abcFile, "--reason", "rights holder asked", "--json"));
        Assert.Equal("file", takedown.GetProperty("kind").GetString());
        Assert.Equal(abcFile, takedown.GetProperty("target").GetString());
        Assert.Equal("rights holder asked", takedown.GetProperty("reason").GetString());
        Assert.Equal(Environment.UserName, takedown.GetProperty("by").GetString());
        Assert.True(takedown.GetProperty("documents").GetInt64() > 0);
        Assert.True(takedown.TryGetProperty("at", out _));
        Assert.Equal(0, (await Cli.RunAsync(Common("run", pipelineFile))).ExitCode);
        var after = await JsonAsync(Common("lineage", "--file", abcFile, "--json"));
        Assert.Equal([snapshot], after.GetProperty("snapshots").EnumerateArray().Select(s => s.GetProperty("id").GetString()));

        // gc keeps the trained snapshot (its training run and exports use it) and reports disk use.
        var gc = await JsonAsync(Common("snapshot", "gc", "--keep", "1", "--json"));
        Assert.Empty(gc.GetProperty("removed").EnumerateArray());
        Assert.Equal(snapshot, gc.GetProperty("skipped")[0].GetProperty("id").GetString());
        Assert.Contains(runId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            gc.GetProperty("skipped")[0].GetProperty("train_runs").EnumerateArray().Select(r => r.GetString()));
        Assert.True(gc.GetProperty("bytes_before").GetInt64() > 0);
        Assert.Equal(gc.GetProperty("bytes_before").GetInt64(), gc.GetProperty("bytes_after").GetInt64());
        output.WriteLine(gc.ToString());
    }

    private static async Task<JsonElement> JsonAsync(string[] args)
    {
        var r = await Cli.RunAsync(args);
        Assert.True(r.ExitCode == 0, $"musicpile {string.Join(' ', args)}: {r.StdErr}");
        using var doc = JsonDocument.Parse(r.StdOut);
        return doc.RootElement.Clone();
    }

    /// <summary>Source, kind, content hash and id of every document of the latest snapshot.</summary>
    private static async Task<List<string>> ContentsAsync(string db, string? home)
    {
        await using var ds = NpgsqlDataSource.Create(db);
        var s = (await SnapshotCatalog.LatestAsync(ds, CancellationToken.None))!;
        var docs = new List<string>();
        foreach (var row in await SnapshotDocumentCatalog.OfSnapshotAsync(ds, s.Id, CancellationToken.None))
            docs.Add($"{row.Src}\t{row.Kind}\t{row.Sha256}\t{row.DocId}");
        if (home is not null)
        {
            // The files say the same as the catalog.
            var onDisk = new List<string>();
            foreach (var f in await SnapshotCatalog.FilesAsync(ds, s.Id, CancellationToken.None))
            {
                await foreach (var r in CorpusShardReader.ReadAsync(Path.Combine(home, "data", "snapshots", s.Id, f.Path), CancellationToken.None))
                    onDisk.Add($"{r.Src}\t{r.Kind}\t{r.Sha256}\t{r.Id}");
            }
            Assert.Equal(docs.Order(StringComparer.Ordinal), onDisk.Order(StringComparer.Ordinal));
        }
        return docs.Order(StringComparer.Ordinal).ToList();
    }
}
