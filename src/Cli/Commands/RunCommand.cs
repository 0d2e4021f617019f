using System.CommandLine;
using MusicPile.Core;
using MusicPile.Core.Pipelines;
using Npgsql;

namespace MusicPile.Cli.Commands;

/// <summary>
/// <c>musicpile run pipelines/nightly.yaml [--executor local|slurm] [--workers N] [--status]</c>: run (or resume) a
/// pipeline on this machine or as Slurm array jobs, or show its progress.
/// </summary>
internal static class RunCommand
{
    private static readonly Argument<string> PipelineArg = new("pipeline") { Description = "Pipeline file (YAML)" };
    private static readonly Option<string> Executor = new("--executor") { Description = "local (default) or slurm", DefaultValueFactory = _ => "local" };
    private static readonly Option<int?> Workers = new("--workers") { Description = "Tasks run at once (default: cores for local, 4 array elements per stage for slurm)" };
    private static readonly Option<bool> Status = new("--status") { Description = "Show the latest run's progress per stage (tasks done/running/failed/pending) and exit" };
    private static readonly Option<bool> ResubmitFailed = new("--resubmit-failed")
    {
        Description = "slurm: resubmit only the tasks of the unfinished run recorded as failed (a plain rerun resubmits every task not done)",
    };
    private static readonly Option<bool> Detach = new("--detach") { Description = "slurm: submit the jobs and exit without waiting for them" };
    private static readonly Option<string?> Partition = new("--partition") { Description = "slurm: partition to submit to (default: the cluster's default)" };

    public static Command Create()
    {
        var cmd = new Command("run", "Run a pipeline; a rerun resumes an unfinished run, skipping tasks already done");
        cmd.Arguments.Add(PipelineArg);
        cmd.Options.Add(Executor);
        cmd.Options.Add(Workers);
        cmd.Options.Add(Status);
        cmd.Options.Add(ResubmitFailed);
        cmd.Options.Add(Detach);
        cmd.Options.Add(Partition);
        cmd.SetAction((p, ct) => CliContext.GuardAsync(p, RunAsync, ct));
        return cmd;
    }

    private static async Task<int> RunAsync(CliContext ctx, CancellationToken ct)
    {
        var file = ctx.Parse.GetValue(PipelineArg)!;
        var pipeline = PipelineDefinition.Load(file);
        if (ctx.Parse.GetValue(Status))
            return await RunStatusView.ShowAsync(ctx, pipeline, ct).ConfigureAwait(false);
        // Stage types and options are checked before the catalog is opened, so a bad file costs no database start.
        Stages.Registry().Validate(pipeline);
        var executor = ctx.Parse.GetValue(Executor);
        var workers = ctx.Parse.GetValue(Workers);
        var onlyFailed = ctx.Parse.GetValue(ResubmitFailed);
        switch (executor)
        {
            case "slurm":
                return await SlurmRun.RunAsync(ctx, pipeline, file,
                    new SlurmRun.Settings(workers ?? 4, ctx.Parse.GetValue(Partition), ctx.Parse.GetValue(Detach), onlyFailed), ct).ConfigureAwait(false);
            case "local" when onlyFailed:
                throw MusicPileException.Usage("--resubmit-failed is for --executor slurm; a local rerun redoes every task not done");
            case "local":
                break;
            default:
                throw MusicPileException.Usage($"--executor {executor}: use 'local' or 'slurm'");
        }
        var options = new RunOptions { Workers = workers ?? Environment.ProcessorCount, Executor = executor };
        await using var catalog = await ctx.OpenCatalogAsync(ct).ConfigureAwait(false);
        var runner = new PipelineRunner(catalog.DataSource, ctx.Home, Stages.Registry());
        RunResult result;
        try
        {
            result = await runner.RunAsync(pipeline, options, new ProgressView(), ct).ConfigureAwait(false);
        }
        catch (MusicPileException e) when (e.InnerException is NpgsqlException db)
        {
            // A task lost the catalog (a restart, a network cut): say so, since the driver's own words name only a stream.
            throw new MusicPileException($"{e.Message} (the catalog database connection failed: {db.InnerException?.Message ?? db.Message}); " +
                "no unfinished task was marked done, rerun to resume", inner: e);
        }
        RunReport.Print(ctx, result);
        return ExitCodes.Success;
    }
}
