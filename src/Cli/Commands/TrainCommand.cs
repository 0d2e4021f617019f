using System.CommandLine;
using MusicPile.Train.Jobs;

namespace MusicPile.Cli.Commands;

/// <summary><c>musicpile train --snapshot ID --config pipelines/train-tiny.yaml [--init HF_DIR] [--resume]</c>.</summary>
internal static class TrainCommand
{
    private static readonly Option<string> Snapshot = new("--snapshot") { Description = "Snapshot id, or 'latest'", Required = true };
    private static readonly Option<string> Config = new("--config") { Description = "Training config (YAML)", Required = true };
    private static readonly Option<string?> Init = new("--init") { Description = "Hugging Face LLaMA folder to continue pre-training from" };
    private static readonly Option<bool> Resume = new("--resume") { Description = "Continue the latest run of this snapshot and config from its last checkpoint" };
    private static readonly Option<int?> Steps = new("--steps") { Description = "Override the number of steps" };

    public static Command Create()
    {
        var cmd = new Command("train", "Continual pre-training of a LLaMA model from a snapshot (GPU when present, CPU otherwise)");
        foreach (var o in new Option[] { Snapshot, Config, Init, Resume, Steps })
            cmd.Options.Add(o);
        cmd.SetAction((p, ct) => CliContext.GuardAsync(p, RunAsync, ct));
        return cmd;
    }

    private static async Task<int> RunAsync(CliContext ctx, CancellationToken ct)
    {
        var recipe = TrainRecipe.Load(ctx.Parse.GetValue(Config)!);
        await using var catalog = await ctx.OpenCatalogAsync(ct).ConfigureAwait(false);
        var job = new TrainJob(catalog.DataSource, ctx.Home, Console.Error);
        var r = await job.RunAsync(ctx.Parse.GetValue(Snapshot)!, recipe, ctx.Parse.GetValue(Init), ctx.Parse.GetValue(Resume), ctx.Parse.GetValue(Steps), ct).ConfigureAwait(false);
        if (ctx.Json)
        {
            ctx.WriteJson(new
            {
                run = r.Run, snapshot = r.Snapshot, export = r.Export, steps = r.Steps, train_loss = r.TrainLoss, val_loss = r.ValLoss,
                tokens_per_second = r.TokensPerSecond, checkpoint = r.Checkpoint, device = r.Device, parameters = r.Parameters,
            });
        }
        ctx.Human.WriteLine($"training run {r.Run}: {r.Steps} steps, {r.TokensPerSecond:F0} tokens/s on {r.Device}, checkpoint {r.Checkpoint}");
        return ExitCodes.Success;
    }
}
