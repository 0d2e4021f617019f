using System.CommandLine;
using MusicPile.Core;
using MusicPile.Train.Jobs;

namespace MusicPile.Cli.Commands;

/// <summary><c>musicpile train (--snapshot ID | --export ID) --config pipelines/train-tiny.yaml [--init HF_DIR] [--resume]</c>.</summary>
internal static class TrainCommand
{
    private static readonly Option<string?> Snapshot = new("--snapshot") { Description = "Snapshot id, or 'latest': exported first (Megatron; an equal export is reused)" };
    private static readonly Option<string?> Export = new("--export") { Description = "Export id: train on an export already made (megatron, llmc or nanogpt), with its tokenizer and validation split" };
    private static readonly Option<string> Config = new("--config") { Description = "Training config (YAML)", Required = true };
    private static readonly Option<string?> Init = new("--init") { Description = "Hugging Face LLaMA folder to continue pre-training from" };
    private static readonly Option<bool> Resume = new("--resume") { Description = "Continue the latest run of this export and config from its last checkpoint" };
    private static readonly Option<int?> Steps = new("--steps") { Description = "Override the number of steps" };

    public static Command Create()
    {
        var cmd = new Command("train", "Continual pre-training of a LLaMA model from a snapshot or an export (GPU when present, CPU otherwise)");
        foreach (var o in new Option[] { Snapshot, Export, Config, Init, Resume, Steps })
            cmd.Options.Add(o);
        cmd.SetAction((p, ct) => CliContext.GuardAsync(p, RunAsync, ct));
        return cmd;
    }

    private static async Task<int> RunAsync(CliContext ctx, CancellationToken ct)
    {
        var snapshot = ctx.Parse.GetValue(Snapshot);
        var export = ctx.Parse.GetValue(Export);
        if ((snapshot is null) == (export is null))
            throw MusicPileException.Usage("train: give exactly one of --snapshot ID and --export ID");
        if (ctx.Parse.GetValue(Steps) is <= 0)
            throw MusicPileException.Usage("--steps: must be at least 1");
        var recipe = TrainRecipe.Load(ctx.Parse.GetValue(Config)!);
        var options = new TrainRunOptions(ctx.Parse.GetValue(Init), ctx.Parse.GetValue(Resume), ctx.Parse.GetValue(Steps));
        await using var catalog = await ctx.OpenCatalogAsync(ct).ConfigureAwait(false);
        var job = new TrainJob(catalog.DataSource, ctx.Home, Console.Error);
        var r = export is not null
            ? await job.RunOnExportAsync(export, recipe, options, ct).ConfigureAwait(false)
            : await job.RunOnSnapshotAsync(snapshot!, recipe, options, ct).ConfigureAwait(false);
        if (ctx.Json)
        {
            ctx.WriteJson(new
            {
                run = r.Run, snapshot = r.Snapshot, export = r.Export, steps = r.Steps, train_loss = r.TrainLoss, val_loss = r.ValLoss,
                tokens_per_second = r.TokensPerSecond, checkpoint = r.Checkpoint, device = r.Device, parameters = r.Parameters, val_sources = r.ValSources,
            });
        }
        ctx.Human.WriteLine($"training run {r.Run} on export {r.Export} (snapshot {r.Snapshot}): {r.Steps} steps, {r.TokensPerSecond:F0} tokens/s on {r.Device}, checkpoint {r.Checkpoint}");
        return ExitCodes.Success;
    }
}
