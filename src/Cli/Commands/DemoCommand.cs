using System.CommandLine;
using MusicPile.Core;
using MusicPile.Core.Catalog;
using MusicPile.Core.Pipelines;
using MusicPile.Publish;
using MusicPile.Samples;
using MusicPile.Tokenize;
using MusicPile.Train.Jobs;

namespace MusicPile.Cli.Commands;

/// <summary>
/// <c>musicpile demo</c>: the main job on a fresh machine. Writes sample sources (composed tunes with planted
/// duplicates, broken tunes, bad encodings, music text), runs the demo pipeline to a snapshot, exports it as Megatron
/// shards, trains a tiny model on that export for a short while, and prints a summary.
/// </summary>
internal static class DemoCommand
{
    private static readonly Option<string> Tokenizer = new("--tokenizer") { Description = "Tokenizer for the export", DefaultValueFactory = _ => "llama2" };
    private static readonly Option<int> TrainSteps = new("--train-steps") { Description = "Steps of the short training run (0 skips training)", DefaultValueFactory = _ => 40 };

    public static Command Create()
    {
        var cmd = new Command("demo", "Sample sources -> nightly pipeline -> snapshot -> export -> short training run -> summary");
        cmd.Options.Add(Tokenizer);
        cmd.Options.Add(TrainSteps);
        cmd.SetAction((p, ct) => CliContext.GuardAsync(p, RunAsync, ct));
        return cmd;
    }

    private static async Task<int> RunAsync(CliContext ctx, CancellationToken ct)
    {
        var sourcesDir = Path.Combine(ctx.Home.Root, "demo", "sources");
        var planted = SampleSources.Write(sourcesDir);
        ctx.Human.WriteLine($"demo sources in {sourcesDir}: {planted.Tunes} composed tunes, {planted.ExactCopies} exact, {planted.TransposedCopies} transposed, " +
            $"{planted.OrnamentedCopies} ornamented and {planted.NearCopies} near copies, {planted.BrokenTunes} broken tunes, {planted.TextDocuments} text documents, {planted.ChatRecords} chat records");
        var pipelineFile = Path.Combine(AppContext.BaseDirectory, "pipelines", "demo.yaml");
        var pipeline = PipelineDefinition.Load(pipelineFile) with { BaseDir = sourcesDir };

        await using var catalog = await ctx.OpenCatalogAsync(ct).ConfigureAwait(false);
        var runner = new PipelineRunner(catalog.DataSource, ctx.Home, Stages.Registry());
        var run = await runner.RunAsync(pipeline, new RunOptions(), new ProgressView(), ct).ConfigureAwait(false);
        var summary = await RunSummary.OfAsync(catalog.DataSource, run, ct).ConfigureAwait(false);
        RunReport.Print(ctx, run, writeJson: false);
        var snapshot = summary.Snapshot ?? throw new MusicPileException("the demo pipeline published no snapshot");
        var snapshotJson = await SnapshotReport.LoadAsync(catalog.DataSource, snapshot, ct).ConfigureAwait(false);

        var exportOptions = new ExportOptions { Tokenizer = ctx.Parse.GetValue(Tokenizer)!, Format = ShardFormat.Megatron, ValidationFraction = TrainRecipe.DefaultValFraction };
        var (export, manifest, _) = await SnapshotExporter.ExportAsync(catalog.DataSource, ctx.Home, snapshot, exportOptions, null, ct).ConfigureAwait(false);
        ctx.Human.WriteLine($"export {export.Id}: {export.Tokens:N0} tokens ({export.Tokenizer}, Megatron) in {export.OutDir}");

        var train = await DemoTraining.RunAsync(ctx.Home, catalog.DataSource, export.Id, ctx.Parse.GetValue(TrainSteps), Console.Error, ct).ConfigureAwait(false);
        if (ctx.Json)
        {
            ctx.WriteJson(new
            {
                snapshot,
                export = export.Id,
                checkpoint = train?.Checkpoint,
                run = summary.Run,
                records_in = summary.RecordsIn,
                kept = summary.Kept,
                rejected = summary.Rejected,
                rejects_by_reason = summary.RejectsByReason,
                duplicates_removed = summary.DuplicatesRemoved,
                created = summary.Created,
                planted,
                snapshot_detail = snapshotJson,
                tokens = export.Tokens,
                tokens_by_split = manifest.TokensBySplit,
                train,
            });
        }
        ctx.Human.WriteLine($"snapshot {snapshot}, export {export.Id}, checkpoint {train?.Checkpoint ?? "(not trained)"}");
        return ExitCodes.Success;
    }
}
