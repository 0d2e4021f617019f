using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using MusicPile.Tokenize;
using Npgsql;

namespace MusicPile.Cli.Tests;

/// <summary><c>musicpile train --export ID</c> and <c>--snapshot ID</c>: training on exports, lineage in the catalog, checked settings.</summary>
public sealed partial class TrainFromExportTests(TrainingCorpus corpus, ITestOutputHelper output) : IClassFixture<TrainingCorpus>
{
    [Theory]
    [InlineData("megatron")]
    [InlineData("nanogpt")]
    [InlineData("llmc")]
    public async Task Trains_on_an_export_with_validation_loss_per_kind_and_lineage_to_its_snapshot(string format)
    {
        var export = await corpus.RunJsonAsync("export", "--snapshot", corpus.Snapshot, "--tokenizer", TrainingCorpus.Tokenizer,
            "--format", format, "--val-fraction", "0.2");
        var exportId = export.GetProperty("export").GetString()!;
        var config = corpus.WriteConfig($"from-{format}.yaml");

        var train = await corpus.RunJsonAsync("train", "--export", exportId, "--config", config);

        Assert.Equal(exportId, train.GetProperty("export").GetString());
        Assert.Equal(corpus.Snapshot, train.GetProperty("snapshot").GetString());
        Assert.Equal(3, train.GetProperty("steps").GetInt32());
        var validated = train.GetProperty("val_sources").EnumerateArray().Select(s => s.GetString()!).ToList();
        Assert.Contains("abc", validated);
        Assert.All(validated, kind => Assert.Contains(kind, new[] { "abc", "text", "chat" }));
        var lastVal = train.GetProperty("val_loss").EnumerateArray().Last().GetProperty("loss");
        Assert.Equal(validated.Order(), lastVal.EnumerateObject().Select(p => p.Name).Order());
        Assert.All(lastVal.EnumerateObject(), p => Assert.InRange(p.Value.GetDouble(), 0.1, 20));

        var run = train.GetProperty("run").GetInt64();
        await using var ds = NpgsqlDataSource.Create(corpus.Db);
        await using var conn = await ds.OpenConnectionAsync();
        var (runExport, runSnapshot, exportSnapshot) = await conn.QuerySingleAsync<(string, string, string)>(
            "SELECT r.export_id, r.snapshot_id, e.snapshot_id FROM train_runs r JOIN exports e ON e.id = r.export_id WHERE r.id = @run", new { run });
        Assert.Equal((exportId, corpus.Snapshot, corpus.Snapshot), (runExport, runSnapshot, exportSnapshot));
        var checkpoint = await conn.QuerySingleAsync<string>("SELECT path FROM checkpoints WHERE train_run_id = @run", new { run });
        Assert.Equal(train.GetProperty("checkpoint").GetString(), checkpoint);
        Assert.True(File.Exists(Path.Combine(checkpoint, "model.safetensors")));
    }

    [Fact]
    public async Task Training_from_a_snapshot_makes_a_megatron_export_that_an_equal_export_command_reuses()
    {
        var config = corpus.WriteConfig("from-snapshot.yaml", $"tokenizer: {TrainingCorpus.Tokenizer}\nval_fraction: 0.25\n");
        var train = await corpus.RunJsonAsync("train", "--snapshot", "latest", "--config", config);
        var export = await corpus.RunJsonAsync("export", "--snapshot", corpus.Snapshot, "--tokenizer", TrainingCorpus.Tokenizer,
            "--format", "megatron", "--val-fraction", "0.25");
        Assert.True(export.GetProperty("reused").GetBoolean());
        Assert.Equal(export.GetProperty("export").GetString(), train.GetProperty("export").GetString());
        Assert.Equal(corpus.Snapshot, train.GetProperty("snapshot").GetString());
        Assert.Contains("abc", train.GetProperty("val_sources").EnumerateArray().Select(s => s.GetString()));

        // The evaluation's held-out documents are the run's validation split (here a quarter, not a fixed 5%).
        var manifest = await ExportManifest.ReadAsync(Path.Combine(export.GetProperty("out_dir").GetString()!, ExportManifest.FileName));
        var eval = await corpus.RunAsync("eval", "--checkpoint", train.GetProperty("checkpoint").GetString()!, "--prompts", "1", "--max-tokens", "4",
            "--docs-per-source", "100000", "--json");
        Assert.True(eval.ExitCode == 0, eval.StdErr);
        var scored = PerplexityLine().Matches(eval.StdErr).ToDictionary(m => m.Groups["src"].Value, m => long.Parse(m.Groups["docs"].Value));
        output.WriteLine(string.Join(", ", scored.Select(kv => $"{kv.Key} {kv.Value}")));
        Assert.NotEmpty(scored);
        foreach (var source in manifest.Sources.Where(s => s.ValidationDocuments > 0))
            Assert.Equal(source.ValidationDocuments, scored.GetValueOrDefault(source.Source));
    }

    [Fact]
    public async Task Without_its_snapshot_an_export_trains_as_one_source_validated_as_a_whole()
    {
        var export = await corpus.RunJsonAsync("export", "--snapshot", corpus.Snapshot, "--tokenizer", TrainingCorpus.Tokenizer,
            "--format", "megatron", "--val-fraction", "0.3");
        var snapshotDir = Path.Combine(corpus.Home, "data", "snapshots", corpus.Snapshot);
        Directory.Move(snapshotDir, snapshotDir + ".away");
        try
        {
            var r = await corpus.RunAsync("train", "--export", export.GetProperty("export").GetString()!, "--config", corpus.WriteConfig("no-snapshot.yaml"), "--json");
            Assert.True(r.ExitCode == 0, r.StdErr);
            using var train = JsonDocument.Parse(r.StdOut);
            Assert.Equal(["all"], train.RootElement.GetProperty("val_sources").EnumerateArray().Select(s => s.GetString()));
            Assert.Contains("validation loss reported over the whole validation split as 'all'", r.StdErr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Move(snapshotDir + ".away", snapshotDir);
        }
    }

    [Fact]
    public async Task An_unknown_export_exits_2_naming_it()
    {
        var r = await corpus.RunAsync("train", "--export", "e-000000000000", "--config", corpus.WriteConfig("unknown-export.yaml"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("e-000000000000", r.StdErr, StringComparison.Ordinal);
        Assert.Single(r.StdErr.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_config_tokenizer_other_than_the_exports_exits_2()
    {
        var export = await corpus.RunJsonAsync("export", "--snapshot", corpus.Snapshot, "--tokenizer", TrainingCorpus.Tokenizer,
            "--format", "nanogpt", "--val-fraction", "0.2");
        var config = corpus.WriteConfig("other-tokenizer.yaml", "tokenizer: tiktoken:cl100k_base\n");
        var r = await corpus.RunAsync("train", "--export", export.GetProperty("export").GetString()!, "--config", config);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(config, r.StdErr, StringComparison.Ordinal);
        Assert.Contains("does not match", r.StdErr, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"perplexity (?<src>\S+): \S+ \((?<docs>\d+) documents")]
    private static partial Regex PerplexityLine();
}
