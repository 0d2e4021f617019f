using Dapper;
using MusicPile.Core;
using MusicPile.Core.Pipelines;
using MusicPile.Ingest;
using Npgsql;

namespace MusicPile.Instruct.Tests;

/// <summary>Records the instructions stage does not pass on reach the rejects with their reason, and the counts add up.</summary>
public sealed class InstructionRejectTests
{
    [Fact]
    public async Task Text_records_dropped_by_keep_other_false_are_rejected_with_their_reason()
    {
        var dir = TestPaths.NewTempDir("musicpile-sft-rejects");
        await File.WriteAllTextAsync(Path.Combine(dir, "t.abc"), "X:1\nT:Reel\nM:4/4\nL:1/8\nK:D\nABcd efga|gfed cBAF|]\n");
        await File.WriteAllLinesAsync(Path.Combine(dir, "n.jsonl"),
            ["{\"text\":\"A reel is a dance tune in duple time, played fast by fiddlers.\"}", "{\"text\":\"A jig is a dance tune in compound time with three beats.\"}"]);
        var pipeline = PipelineDefinition.Parse("""
            name: sft-rejects
            sources:
              - { name: folk, kind: abc, paths: ["*.abc"] }
              - { name: notes, kind: jsonl, paths: ["*.jsonl"] }
            stages:
              - name: ingest
                type: ingest
              - name: instructions
                type: instructions
                options: { keep_other: false }
            """, dir);
        await using var db = NpgsqlDataSource.Create(await TestDatabase.CreateDatabaseAsync("sft_rejects"));
        var registry = new StageRegistry().Add("ingest", () => new IngestStage()).Add("instructions", () => new InstructionStage());
        var result = await new PipelineRunner(db, new MusicPileHome(TestPaths.NewTempDir()), registry)
            .RunAsync(pipeline, new RunOptions { Workers = 1 }, null, CancellationToken.None);

        var counters = result.Stage("instructions")!.Counters;
        Assert.Equal(3, counters.RecordsIn);
        Assert.Equal(2, counters.Rejected);
        Assert.True(counters.AddsUp);
        await using var conn = await db.OpenConnectionAsync();
        var reasons = (await conn.QueryAsync<string>("SELECT reason FROM rejects WHERE run_id = @id", new { id = result.RunId })).ToList();
        Assert.Equal(["instructions-not-abc", "instructions-not-abc"], reasons);
    }
}
