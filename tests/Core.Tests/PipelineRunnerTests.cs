using Dapper;
using MusicPile.Core.Pipelines;
using Npgsql;

namespace MusicPile.Core.Tests;

public sealed class PipelineRunnerTests
{
    private static PipelineDefinition Pipeline(string name, string marker, int failRank = -1) => PipelineDefinition.Parse($"""
        name: {name}
        stages:
          - name: gen
            type: generate
            tasks: 4
            options:
              rows: 250
              fail_rank: {failRank}
              fail_marker: {marker}
          - name: filter
            type: filter
        """, Environment.CurrentDirectory);

    private static async Task<(NpgsqlDataSource Db, MusicPileHome Home)> SetupAsync(string name)
    {
        var conn = await TestDatabase.CreateDatabaseAsync(name);
        return (NpgsqlDataSource.Create(conn), new MusicPileHome(TestPaths.NewTempDir()));
    }

    [Fact]
    public async Task Every_record_is_kept_or_rejected_and_outputs_match_disk()
    {
        var (db, home) = await SetupAsync("runner_counts");
        await using var _ = db;
        var runner = new PipelineRunner(db, home, TestStages.Registry());
        var result = await runner.RunAsync(Pipeline("counts", "/nonexistent"), new RunOptions { Workers = 2 }, null, CancellationToken.None);

        var filter = result.Stage("filter")!;
        Assert.Equal(1000, filter.Counters.RecordsIn);
        Assert.Equal(900, filter.Counters.Kept);
        Assert.Equal(100, filter.Counters.Rejected);
        Assert.Equal(100, filter.Counters.RejectsByReason["multiple-of-ten"]);
        Assert.Equal(filter.Counters.RecordsIn, filter.Counters.Kept + filter.Counters.Rejected);

        foreach (var o in result.Stages.SelectMany(s => s.Outputs))
        {
            Assert.True(File.Exists(o.Path), o.Path);
            Assert.Equal(new FileInfo(o.Path).Length, o.SizeBytes);
            Assert.Equal(await Text.ContentHash.OfFileAsync(o.Path, CancellationToken.None), o.Sha256);
        }
        await using var c = await db.OpenConnectionAsync();
        Assert.Equal(100, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM rejects WHERE reason = 'multiple-of-ten'"));
        Assert.Equal("succeeded", await c.ExecuteScalarAsync<string>("SELECT status FROM runs WHERE id = @id", new { id = result.RunId }));
    }

    [Fact]
    public async Task A_failed_task_is_not_done_and_a_rerun_redoes_only_it_with_the_same_outputs()
    {
        var (db, home) = await SetupAsync("runner_resume");
        await using var _ = db;
        var marker = Path.Combine(home.Root, "fail-now");
        await File.WriteAllTextAsync(marker, "x");
        var runner = new PipelineRunner(db, home, TestStages.Registry());
        var pipeline = Pipeline("resume", marker, failRank: 2);

        var events = new EventLog();
        var ex = await Assert.ThrowsAsync<MusicPileException>(() => runner.RunAsync(pipeline, new RunOptions { Workers = 1 }, events, CancellationToken.None));
        Assert.Contains("planted failure", ex.Message);
        var failedEvent = Assert.Single(events.Events, e => e.Kind == RunEventKind.TaskFailed);
        Assert.Equal("gen", failedEvent.Stage);
        Assert.Contains("task 2/4 failed: planted failure", failedEvent.Message, StringComparison.Ordinal);
        await using (var c = await db.OpenConnectionAsync())
        {
            var statuses = (await c.QueryAsync<(int Rank, string Status)>("SELECT rank, status FROM tasks WHERE stage = 'gen' ORDER BY rank")).ToList();
            Assert.Equal("failed", statuses.Single(s => s.Rank == 2).Status);
            Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM task_outputs WHERE stage = 'gen' AND rank = 2"));
            Assert.False(File.Exists(Path.Combine(home.RunDir(1), "gen", "part-00002.parquet")));
        }

        File.Delete(marker);
        var resumed = await runner.RunAsync(pipeline, new RunOptions { Workers = 1 }, null, CancellationToken.None);
        Assert.True(resumed.Resumed);
        var gen = resumed.Stage("gen")!;
        Assert.True(gen.TasksSkipped >= 2, $"skipped {gen.TasksSkipped}");
        Assert.Equal(1000, gen.Counters.Kept);

        // A clean run of the same pipeline elsewhere gives byte-identical data files.
        var (db2, home2) = await SetupAsync("runner_clean");
        await using var __ = db2;
        var clean = await new PipelineRunner(db2, home2, TestStages.Registry()).RunAsync(pipeline, new RunOptions { Workers = 2 }, null, CancellationToken.None);
        Assert.Equal(
            clean.Stages.SelectMany(s => s.Outputs).Select(o => (o.Stage, o.Rank, o.Role, o.Rows, o.Sha256)),
            resumed.Stages.SelectMany(s => s.Outputs).Select(o => (o.Stage, o.Rank, o.Role, o.Rows, o.Sha256)));
    }

    [Fact]
    public async Task A_second_concurrent_run_of_the_same_pipeline_is_refused()
    {
        var (db, home) = await SetupAsync("runner_lock");
        await using var _ = db;
        await using (await PipelineLock.AcquireAsync(db, "locked", CancellationToken.None))
        {
            var runner = new PipelineRunner(db, home, TestStages.Registry());
            var ex = await Assert.ThrowsAsync<MusicPileException>(() =>
                runner.RunAsync(Pipeline("locked", "/nonexistent"), new RunOptions(), null, CancellationToken.None));
            Assert.Contains("already running", ex.Message);
            // A different pipeline is not blocked.
            var other = await runner.RunAsync(Pipeline("other", "/nonexistent"), new RunOptions(), null, CancellationToken.None);
            Assert.Equal(900, other.Stage("filter")!.Counters.Kept);
        }
        var after = await new PipelineRunner(db, home, TestStages.Registry()).RunAsync(Pipeline("locked", "/nonexistent"), new RunOptions(), null, CancellationToken.None);
        Assert.False(after.Resumed);
    }

    [Fact]
    public void Pipeline_files_with_errors_name_the_file_and_position()
    {
        var ex = Assert.Throws<MusicPileException>(() => PipelineDefinition.Parse("name: x\nstages:\n  - name: a\n    tasks: many\n", "/", "bad.yaml"));
        Assert.True(ex.IsUsage);
        Assert.StartsWith("bad.yaml:3:", ex.Message, StringComparison.Ordinal);
    }

    private sealed class EventLog : IProgress<RunEvent>
    {
        public List<RunEvent> Events { get; } = [];

        public void Report(RunEvent value)
        {
            lock (Events)
                Events.Add(value);
        }
    }
}
