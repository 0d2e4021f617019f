using System.Text.Json;
using MusicPile.Core;
using MusicPile.Core.Catalog;
using MusicPile.Core.Database;
using MusicPile.Core.Pipelines;

namespace MusicPile.Cli.Commands;

/// <summary>
/// <c>musicpile run pipelines/nightly.yaml --executor slurm --workers 8</c>: submits the pipeline as Slurm array jobs
/// and, unless <c>--detach</c>, waits for them and reports like a local run. Without <c>--db</c> the embedded
/// database is started and left running for the jobs (as <c>musicpile db start</c> does).
/// </summary>
internal static class SlurmRun
{
    public sealed record Settings(int Workers, string? Partition, bool Detach, bool OnlyFailed);

    public static async Task<int> RunAsync(CliContext ctx, PipelineDefinition pipeline, string pipelineFile, Settings settings, CancellationToken ct)
    {
        var connection = ctx.DbConnection;
        if (string.IsNullOrWhiteSpace(connection))
            connection = Environment.GetEnvironmentVariable("MUSICPILE_DB");
        if (string.IsNullOrWhiteSpace(connection))
        {
            ctx.Home.EnsureCreated();
            var pg = new EmbeddedPostgres(ctx.Home);
            await pg.StartAsync(ct).ConfigureAwait(false);
            connection = pg.ConnectionString;
            Console.Error.WriteLine($"musicpile: the embedded catalog database at {pg.SocketDir} stays running for the Slurm jobs; 'musicpile db stop' when they are over");
        }
        await using var catalog = await CatalogConnection.OpenAsync(ctx.Home, connection, ct).ConfigureAwait(false);
        var options = new SlurmOptions
        {
            Workers = settings.Workers, Partition = settings.Partition, ConnectionString = connection, Command = SelfCommand(), OnlyFailed = settings.OnlyFailed,
        };
        var executor = new SlurmExecutor(catalog.DataSource, ctx.Home, Stages.Registry(), options);
        var submission = await executor.SubmitAsync(pipeline, pipelineFile, ct).ConfigureAwait(false);
        Console.Error.WriteLine($"run {submission.RunId}{(submission.Resumed ? " (resumed)" : "")}: submitted as Slurm jobs named {submission.JobName}, logs in {submission.LogDir}");
        foreach (var j in submission.Jobs)
            Console.Error.WriteLine($"  job {j.JobId,-8} {(j.Stage.Length == 0 ? "finish" : j.Stage),-12} {(j.Array is null ? "" : "array " + j.Array)}{(j.AfterOk is null ? "" : " afterok:" + j.AfterOk)}");
        var jobs = submission.Jobs.Select(j => new { stage = j.Stage.Length == 0 ? null : j.Stage, job_id = j.JobId, array = j.Array, after_ok = j.AfterOk });
        if (settings.Detach)
        {
            if (ctx.Json)
                ctx.WriteJson(new { run = submission.RunId, resumed = submission.Resumed, executor = "slurm", jobs, log_dir = submission.LogDir });
            return ExitCodes.Success;
        }
        var result = await executor.WaitAsync(pipeline, submission, new ProgressView(), ct).ConfigureAwait(false);
        if (result is null)
        {
            await RunStatusView.PrintTextAsync(catalog.DataSource, pipeline, Console.Error, ct).ConfigureAwait(false);
            throw new MusicPileException($"run {submission.RunId} did not finish on Slurm (see the failed tasks above and the logs in {submission.LogDir}); " +
                "rerun the same command to resubmit only the tasks not done");
        }
        if (ctx.Json)
        {
            var json = RunReport.ToJson(result);
            json["executor"] = "slurm";
            json["jobs"] = JsonSerializer.SerializeToNode(jobs, CliContext.JsonOptions);
            ctx.WriteJson(json);
        }
        RunReport.Print(ctx, result, writeJson: false);
        return ExitCodes.Success;
    }

    /// <summary>How the jobs start this program: <c>$MUSICPILE_COMMAND</c> (words split on spaces), else as this process was started.</summary>
    private static IReadOnlyList<string> SelfCommand()
    {
        var fromEnv = Environment.GetEnvironmentVariable("MUSICPILE_COMMAND");
        if (!string.IsNullOrWhiteSpace(fromEnv))
            return fromEnv.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var process = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? [process, typeof(SlurmRun).Assembly.Location]
            : [process];
    }
}
