using System.Text.Json;
using Dapper;
using MusicPile.Samples;
using Npgsql;

namespace MusicPile.Cli.Tests;

/// <summary>The pipeline run as Slurm array jobs on a real single-node Slurm publishes the snapshot of a local run.</summary>
public sealed class SlurmTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Slurm_run_gives_the_snapshot_of_a_local_run_and_resubmits_only_unfinished_tasks()
    {
        await SlurmCluster.RequireAsync();
        var sources = TestPaths.NewTempDir();
        SampleSources.Write(sources, tunes: 400);
        var pipelineFile = Path.Combine(sources, "slurm.yaml");
        await File.WriteAllTextAsync(pipelineFile, CrashTestSupport.Pipeline);

        var localDb = await TestDatabase.CreateDatabaseAsync("slurm_local");
        var local = await Cli.RunAsync("run", pipelineFile, "--home", TestPaths.NewTempDir(), "--db", localDb, "--json");
        Assert.True(local.ExitCode == 0, local.StdErr);
        var localSnapshot = await LatestSnapshotAsync(localDb);

        var db = await TestDatabase.CreateDatabaseAsync("slurm_jobs");
        var home = TestPaths.NewTempDir();
        var slurm = await Cli.RunAsync("run", pipelineFile, "--executor", "slurm", "--workers", "2", "--home", home, "--db", db, "--json");
        output.WriteLine(slurm.StdErr);
        Assert.True(slurm.ExitCode == 0, slurm.StdErr);
        using (var doc = JsonDocument.Parse(slurm.StdOut))
        {
            Assert.Equal("slurm", doc.RootElement.GetProperty("executor").GetString());
            var jobs = doc.RootElement.GetProperty("jobs").EnumerateArray().ToList();
            Assert.Equal(5, jobs.Count); // four stage arrays and the finishing job
            Assert.Equal(jobs[0].GetProperty("job_id").GetString(), jobs[1].GetProperty("after_ok").GetString());
        }
        var snapshot = await LatestSnapshotAsync(db);
        output.WriteLine($"local {localSnapshot.Id} {localSnapshot.Manifest}; slurm {snapshot.Id} {snapshot.Manifest}");
        Assert.Equal(localSnapshot, snapshot);

        var status = await Cli.RunAsync("run", pipelineFile, "--status", "--home", home, "--db", db, "--json");
        Assert.True(status.ExitCode == 0, status.StdErr);
        using (var doc = JsonDocument.Parse(status.StdOut))
        {
            Assert.Equal("succeeded", doc.RootElement.GetProperty("status").GetString());
            foreach (var stage in doc.RootElement.GetProperty("stages").EnumerateArray())
                Assert.Equal(stage.GetProperty("tasks").GetInt32(), stage.GetProperty("done").GetInt32());
        }

        // A task that failed (here: marked so) is resubmitted alone, and the run still ends with the same snapshot.
        await using (var ds = NpgsqlDataSource.Create(db))
        await using (var conn = await ds.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("UPDATE runs SET status = 'failed'");
            await conn.ExecuteAsync("UPDATE tasks SET status = 'failed', error = 'injected' WHERE stage = 'normalize' AND rank = 1");
        }
        var failedStatus = await Cli.RunAsync("run", pipelineFile, "--status", "--home", home, "--db", db);
        Assert.Contains("injected", failedStatus.StdOut);
        var again = await Cli.RunAsync("run", pipelineFile, "--executor", "slurm", "--resubmit-failed", "--home", home, "--db", db, "--json");
        output.WriteLine(again.StdErr);
        Assert.True(again.ExitCode == 0, again.StdErr);
        using (var doc = JsonDocument.Parse(again.StdOut))
        {
            Assert.True(doc.RootElement.GetProperty("resumed").GetBoolean());
            var jobs = doc.RootElement.GetProperty("jobs").EnumerateArray().ToList();
            Assert.Equal(2, jobs.Count);
            Assert.Equal("normalize", jobs[0].GetProperty("stage").GetString());
            Assert.StartsWith("1%", jobs[0].GetProperty("array").GetString());
        }
        Assert.Equal(localSnapshot, await LatestSnapshotAsync(db));

        // With nothing failed, there is nothing to resubmit: a usage error, and no job is submitted.
        await using (var ds = NpgsqlDataSource.Create(db))
        await using (var conn = await ds.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("UPDATE runs SET status = 'failed'");
            await conn.ExecuteAsync("UPDATE tasks SET status = 'pending' WHERE stage = 'dedup'");
        }
        var nothing = await Cli.RunAsync("run", pipelineFile, "--executor", "slurm", "--resubmit-failed", "--home", home, "--db", db, "--json");
        Assert.Equal(2, nothing.ExitCode);
        Assert.Contains("has no failed tasks", nothing.StdErr, StringComparison.Ordinal);
    }

    private static async Task<(string Id, string Manifest)> LatestSnapshotAsync(string db)
    {
        await using var ds = NpgsqlDataSource.Create(db);
        await using var conn = await ds.OpenConnectionAsync();
        return await conn.QuerySingleAsync<(string, string)>("SELECT id, manifest_sha256 FROM snapshots ORDER BY created_at DESC LIMIT 1");
    }
}
