using System.CommandLine;
using MusicPile.Core;
using MusicPile.Core.Pipelines;

namespace MusicPile.Cli.Commands;

/// <summary>
/// <c>musicpile run-task nightly.yaml --run 7 --stage ingest --rank $SLURM_ARRAY_TASK_ID --stride 4</c> (hidden): what
/// one Slurm array element runs. It plans the stage if no element has yet, then runs ranks rank, rank + stride, ...;
/// with <c>--finish</c> it marks the run succeeded when every task is done.
/// </summary>
internal static class RunTaskCommand
{
    private static readonly Argument<string> PipelineArg = new("pipeline") { Description = "Pipeline file (YAML), as submitted" };
    private static readonly Option<long> Run = new("--run") { Description = "Run id", Required = true };
    private static readonly Option<string?> Stage = new("--stage") { Description = "Stage name" };
    private static readonly Option<int> Rank = new("--rank") { Description = "First rank this element runs (the array index)" };
    private static readonly Option<int> Stride = new("--stride") { Description = "Distance between the ranks this element runs (default 1)", DefaultValueFactory = _ => 1 };
    private static readonly Option<int> DefaultTasks = new("--default-tasks") { Description = "Most tasks for a stage that names none (default 4)", DefaultValueFactory = _ => new RunOptions().DefaultTasks };
    private static readonly Option<bool> Finish = new("--finish") { Description = "Mark the run succeeded if every task of every stage is done" };

    public static Command Create()
    {
        var cmd = new Command("run-task", "Run one Slurm array element of a pipeline stage (used by --executor slurm)") { Hidden = true };
        cmd.Arguments.Add(PipelineArg);
        cmd.Options.Add(Run);
        cmd.Options.Add(Stage);
        cmd.Options.Add(Rank);
        cmd.Options.Add(Stride);
        cmd.Options.Add(DefaultTasks);
        cmd.Options.Add(Finish);
        cmd.SetAction((p, ct) => CliContext.GuardAsync(p, RunAsync, ct));
        return cmd;
    }

    private static async Task<int> RunAsync(CliContext ctx, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(ctx.DbConnection) && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("MUSICPILE_DB")))
            throw MusicPileException.Usage("run-task needs the shared catalog database: --db or $MUSICPILE_DB");
        var pipeline = PipelineDefinition.Load(ctx.Parse.GetValue(PipelineArg)!);
        var runId = ctx.Parse.GetValue(Run);
        await using var catalog = await ctx.OpenCatalogAsync(ct, migrate: false).ConfigureAwait(false);
        var worker = new SlurmStageWorker(catalog.DataSource, ctx.Home, Stages.Registry());
        if (ctx.Parse.GetValue(Finish))
        {
            var ok = await worker.FinishAsync(pipeline, runId, ct).ConfigureAwait(false);
            Console.Error.WriteLine(ok ? $"run {runId} succeeded" : $"run {runId} is not complete; marked failed");
            return ok ? ExitCodes.Success : ExitCodes.Failed;
        }
        var stage = ctx.Parse.GetValue(Stage) ?? throw MusicPileException.Usage("run-task needs --stage or --finish");
        var result = await worker.RunElementAsync(pipeline, runId, stage, ctx.Parse.GetValue(Rank), ctx.Parse.GetValue(Stride),
            ctx.Parse.GetValue(DefaultTasks), ct).ConfigureAwait(false);
        Console.Error.WriteLine($"run {runId} stage {stage}: {result.WorldSize} tasks planned; this element ran [{string.Join(", ", result.Ranks)}]");
        foreach (var f in result.Failures)
            Console.Error.WriteLine($"musicpile: {f}");
        if (ctx.Json)
            ctx.WriteJson(new { run = runId, stage, world_size = result.WorldSize, ranks = result.Ranks, failures = result.Failures });
        return result.Succeeded ? ExitCodes.Success : ExitCodes.Failed;
    }
}
