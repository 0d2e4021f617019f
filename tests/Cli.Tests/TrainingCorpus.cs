using System.Text.Json;
using MusicPile.Samples;

namespace MusicPile.Cli.Tests;

/// <summary>
/// A snapshot of the demo's sample sources in a database of its own, published once for the training tests, and a
/// small training config: the tiny preset on short windows with the offline tiktoken:gpt2 tokenizer.
/// </summary>
public sealed class TrainingCorpus : IAsyncLifetime
{
    public const string Tokenizer = "tiktoken:gpt2";

    /// <summary>The config without tokenizer or validation share, so that an export's own are taken.</summary>
    public const string Config = """
        name: train-test
        kinds: [abc, text, chat]
        weights: { abc: 1.0, text: 0.5 }
        model:
          preset: tiny
          max_position_embeddings: 64
        train:
          seq_len: 32
          micro_batch: 2
          learning_rate: 0.003
          warmup_steps: 1
          total_steps: 3
          eval_interval: 3
          eval_batches: 1
          checkpoint_interval: 0
          device: cpu
        """;

    public string Home { get; } = TestPaths.NewTempDir("musicpile-train");
    public string Db { get; private set; } = "";
    public string Snapshot { get; private set; } = "";

    /// <summary><see cref="Config"/> written to a file, optionally with more top-level lines.</summary>
    public string WriteConfig(string name, string extra = "")
    {
        var path = Path.Combine(Home, name);
        File.WriteAllText(path, extra + Config + "\n");
        return path;
    }

    /// <summary>Runs musicpile against this corpus's home and database.</summary>
    internal Task<Cli.Result> RunAsync(params string[] args) => Cli.RunAsync([.. args, "--home", Home, "--db", Db]);

    /// <summary>Runs musicpile with --json and parses stdout, failing with stderr when the exit code is not 0.</summary>
    public async Task<JsonElement> RunJsonAsync(params string[] args)
    {
        var r = await RunAsync([.. args, "--json"]);
        Assert.True(r.ExitCode == 0, $"musicpile {string.Join(' ', args)} exited {r.ExitCode}: {r.StdErr}");
        using var doc = JsonDocument.Parse(r.StdOut);
        return doc.RootElement.Clone();
    }

    public async ValueTask InitializeAsync()
    {
        var sources = Path.Combine(Home, "sources");
        SampleSources.Write(sources, tunes: 240);
        var pipeline = Path.Combine(sources, "pipeline.yaml");
        await File.WriteAllTextAsync(pipeline, CrashTestSupport.Pipeline);
        Db = await TestDatabase.CreateDatabaseAsync("train");
        await RunJsonAsync("run", pipeline);
        Snapshot = (await CrashTestSupport.LatestSnapshotAsync(Db))?.Id ?? throw new InvalidOperationException("the pipeline published no snapshot");
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Home, recursive: true);
        return ValueTask.CompletedTask;
    }
}
