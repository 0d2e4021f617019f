using System.CommandLine;
using MusicPile.Core;
using MusicPile.Core.Pipelines;

namespace MusicPile.Cli.Commands;

/// <summary><c>musicpile run pipelines/nightly.yaml [--workers N]</c>: run (or resume) a pipeline.</summary>
internal static class RunCommand
{
    private static readonly Argument<string> PipelineArg = new("pipeline") { Description = "Pipeline file (YAML)" };
    private static readonly Option<string> Executor = new("--executor") { Description = "local or slurm", DefaultValueFactory = _ => "local" };
    private static readonly Option<int?> Workers = new("--workers") { Description = "Tasks run at once (default: cores)" };

    public static Command Create()
    {
        var cmd = new Command("run", "Run a pipeline; a rerun resumes an unfinished run, skipping tasks already done");
        cmd.Arguments.Add(PipelineArg);
        cmd.Options.Add(Executor);
        cmd.Options.Add(Workers);
        cmd.SetAction((p, ct) => CliContext.GuardAsync(p, RunAsync, ct));
        return cmd;
    }

    private static async Task<int> RunAsync(CliContext ctx, CancellationToken ct)
    {
        var pipeline = PipelineDefinition.Load(ctx.Parse.GetValue(PipelineArg)!);
        var executor = ctx.Parse.GetValue(Executor);
        if (executor != "local")
            throw MusicPileException.Usage($"--executor {executor}: only 'local' runs on this build");
        var options = new RunOptions { Workers = ctx.Parse.GetValue(Workers) ?? Environment.ProcessorCount, Executor = executor };
        await using var catalog = await ctx.OpenCatalogAsync(ct).ConfigureAwait(false);
        var runner = new PipelineRunner(catalog.DataSource, ctx.Home, Stages.Registry());
        var result = await runner.RunAsync(pipeline, options, new ProgressView(), ct).ConfigureAwait(false);
        RunReport.Print(ctx, result);
        return ExitCodes.Success;
    }
}
