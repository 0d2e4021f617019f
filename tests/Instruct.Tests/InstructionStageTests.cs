using System.Globalization;
using System.Text.Json;
using MusicPile.Abc;
using MusicPile.Core;
using MusicPile.Core.Parquet;
using MusicPile.Core.Pipelines;
using MusicPile.Core.Records;
using MusicPile.Ingest;
using MusicPile.Instruct;
using Npgsql;

namespace MusicPile.Instruct.Tests;

public sealed class InstructionStageTests(ITestOutputHelper output)
{
    private static StageRegistry Registry() => new StageRegistry()
        .Add("ingest", () => new IngestStage())
        .Add("instructions", () => new InstructionStage());

    /// <summary>The first 200 Nottingham tunes as two sources: 160 folk tunes and 40 that stand in for chorales.</summary>
    private static string WriteSources()
    {
        var root = Path.Combine(TestPaths.RequireDatasets(), "abc", "nottingham", "ABC_cleaned");
        var blocks = Directory.EnumerateFiles(root, "*.abc").Order(StringComparer.Ordinal)
            .SelectMany(f => File.ReadAllText(f).Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n"))
            .Select(b => b.Trim()).Where(b => b.StartsWith("X:", StringComparison.Ordinal)).Take(200).ToList();
        Assert.Equal(200, blocks.Count);
        var dir = TestPaths.NewTempDir("musicpile-sft");
        Directory.CreateDirectory(Path.Combine(dir, "folk"));
        Directory.CreateDirectory(Path.Combine(dir, "bach"));
        File.WriteAllText(Path.Combine(dir, "folk", "a.abc"), string.Join("\n\n", blocks.Take(80)) + "\n");
        File.WriteAllText(Path.Combine(dir, "folk", "b.abc"), string.Join("\n\n", blocks.Skip(80).Take(80)) + "\n");
        File.WriteAllText(Path.Combine(dir, "bach", "c.abc"), string.Join("\n\n", blocks.Skip(160)) + "\n");
        return dir;
    }

    private static PipelineDefinition Pipeline(string dir) => PipelineDefinition.Parse($"""
        name: sft
        sources:
          - name: folk
            kind: abc
            paths: ["{dir}/folk/*.abc"]
            licence: GPL-3.0
          - name: chorales
            kind: abc
            paths: ["{dir}/bach/*.abc"]
            licence: GPL-3.0
        stages:
          - name: ingest
            type: ingest
          - name: instructions
            type: instructions
            options:
              seed: 7
              per_tune: 2
              bach_sources: [chorales]
        """, dir);

    private static async Task<(RunResult Result, List<CorpusRecord> Records)> RunAsync(string dir, string db)
    {
        await using var ds = NpgsqlDataSource.Create(await TestDatabase.CreateDatabaseAsync(db));
        var runner = new PipelineRunner(ds, new MusicPileHome(TestPaths.NewTempDir()), Registry());
        var result = await runner.RunAsync(Pipeline(dir), new RunOptions { Workers = 2 }, null, CancellationToken.None);
        var records = new List<CorpusRecord>();
        foreach (var o in result.Stage("instructions")!.Outputs.Where(o => o.Role == TaskOutputFile.Roles.Data).OrderBy(o => o.Rank))
        {
            await foreach (var r in CorpusShardReader.ReadAsync(o.Path, CancellationToken.None))
                records.Add(r);
        }
        return (result, records);
    }

    [Fact]
    public async Task Instructions_from_real_tunes_parse_follow_the_chat_form_and_repeat_exactly()
    {
        var dir = WriteSources();
        var (result, records) = await RunAsync(dir, "sft_a");
        var stage = result.Stage("instructions")!;
        var sft = records.Where(r => r.Kind == CorpusRecord.Kinds.Sft).ToList();
        var abc = records.Where(r => r.Kind == CorpusRecord.Kinds.Abc).ToList();
        Assert.Equal(200, stage.Counters.RecordsIn);
        Assert.Equal(200, abc.Count);
        // Every input is kept as itself, every example is created beside it: the counts add up.
        Assert.Equal((200L + sft.Count, (long)sft.Count, 0L), (stage.Counters.Kept, stage.Counters.Created, stage.Counters.Rejected));
        Assert.True(stage.Counters.AddsUp);
        Assert.Equal(sft.Count, sft.Select(r => r.Id).Distinct().Count());

        var perTask = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in sft)
        {
            using var meta = JsonDocument.Parse(r.Meta);
            var m = meta.RootElement;
            var (instruction, input, answer, task) = (m.GetProperty("instruction").GetString()!, m.GetProperty("input").GetString()!,
                m.GetProperty("output").GetString()!, m.GetProperty("task").GetString()!);
            perTask[task] = perTask.GetValueOrDefault(task) + 1;
            Assert.Equal($"Human: {instruction}\n{input} </s> Assistant: {answer} </s>", r.Text);
            Assert.Equal(r.Src == "chorales-sft" ? "chorales" : "folk", m.GetProperty("source_src").GetString());
            Assert.EndsWith("-sft", r.Src, StringComparison.Ordinal);
            if (task == InstructionTasks.Bach)
                Assert.Equal("chorales-sft", r.Src);
            var abcTexts = task switch
            {
                InstructionTasks.MotifExtraction or InstructionTasks.FormExtraction => [input],
                InstructionTasks.Harmonization => new[] { input, answer },
                _ => [answer],
            };
            foreach (var t in abcTexts)
            {
                var tune = AbcDocument.ParseTune(t);
                Assert.NotNull(tune);
                Assert.False(AbcValidator.IsFatal(AbcValidator.Validate(tune)), $"{task}: {t}");
            }
        }
        Assert.Equal(InstructionTasks.All.Count, perTask.Count);
        Assert.True(sft.Count >= 390, $"{sft.Count} instructions from 200 tunes");

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"200 tunes -> {sft.Count} instructions ({sft.Count / 2.0:F1} per 100 tunes), rejected {stage.Counters.Rejected}"));
        foreach (var (task, n) in perTask)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {task,-14} {n,4} ({n / 2.0:F1} per 100 tunes)"));
        foreach (var (k, v) in stage.Counters.Extra.OrderBy(kv => kv.Key, StringComparer.Ordinal).Where(kv => kv.Key.StartsWith("skip:", StringComparison.Ordinal)))
            output.WriteLine($"  {k} {v}");
        output.WriteLine($"mean instruction text {sft.Average(r => r.Text.Length):F0} chars");

        var (again, _) = await RunAsync(dir, "sft_b");
        Assert.Equal(
            result.Stage("instructions")!.Outputs.Where(o => o.Role == TaskOutputFile.Roles.Data).Select(o => (o.Rank, o.Rows, o.Sha256)).OrderBy(x => x.Rank),
            again.Stage("instructions")!.Outputs.Where(o => o.Role == TaskOutputFile.Roles.Data).Select(o => (o.Rank, o.Rows, o.Sha256)).OrderBy(x => x.Rank));
    }

    [Fact]
    public void Ids_depend_on_record_and_task_and_the_seed_changes_the_choice()
    {
        var source = new CorpusRecord(42, "X:1\nL:1/8\nM:4/4\nK:G\n|:GABc dBGB|c2ec BGGB|AGAB cBAG|FGAF D4:|\n", "folk", "abc", "", "f.abc#1", "{}");
        var example = new InstructionExample(InstructionTasks.FormExtraction, "Describe it.", source.Text, "Letter form: AA.", [source.Text]);
        var a = InstructionStage.ToRecord(source, example, new InstructionOptions());
        var b = InstructionStage.ToRecord(source, example with { Task = InstructionTasks.MotifExtraction }, new InstructionOptions());
        Assert.NotEqual(a.Id, b.Id);
        Assert.Equal(a.Id, InstructionStage.ToRecord(source, example, new InstructionOptions()).Id);
        Assert.Equal("folk-sft", a.Src);
        Assert.Equal("sft", a.Kind);
        using var meta = JsonDocument.Parse(a.Meta);
        Assert.Equal(42, meta.RootElement.GetProperty("source_id").GetInt64());
        Assert.Equal(InstructionTasks.FormExtraction, meta.RootElement.GetProperty("task").GetString());
    }
}
