using System.CommandLine;
using System.Text.Json;
using MusicPile.Eval.Checkpoints;
using MusicPile.Core.Catalog;

namespace MusicPile.Cli.Commands;

/// <summary><c>musicpile eval --checkpoint DIR [--prompts N] [--music-theory-bench FILE] [--json]</c>.</summary>
internal static class EvalCommand
{
    private static readonly Option<string> Checkpoint = new("--checkpoint") { Description = "Checkpoint folder", Required = true };
    private static readonly Option<int> Prompts = new("--prompts") { Description = "Generation prompts", DefaultValueFactory = _ => 8 };
    private static readonly Option<int> Docs = new("--docs-per-source") { Description = "Validation documents per source for perplexity", DefaultValueFactory = _ => 20 };
    private static readonly Option<int> MaxTokens = new("--max-tokens") { Description = "Tokens generated per prompt", DefaultValueFactory = _ => 160 };
    private static readonly Option<bool> Unconstrained = new("--unconstrained") { Description = "Generate without grammar-constrained decoding" };
    private static readonly Option<string?> Mtb = new("--music-theory-bench") { Description = "MusicTheoryBench items (JSON or JSONL in its published layout)" };

    public static Command Create()
    {
        var cmd = new Command("eval", "Perplexity per source, generation metrics and MusicTheoryBench for a checkpoint");
        foreach (var o in new Option[] { Checkpoint, Prompts, Docs, MaxTokens, Unconstrained, Mtb })
            cmd.Options.Add(o);
        cmd.SetAction((p, ct) => CliContext.GuardAsync(p, RunAsync, ct));
        return cmd;
    }

    private static async Task<int> RunAsync(CliContext ctx, CancellationToken ct)
    {
        var dir = ctx.Parse.GetValue(Checkpoint)!;
        if (!File.Exists(Path.Combine(dir, "config.json")))
            throw Core.MusicPileException.Usage($"{dir}: not a checkpoint folder (no config.json)");
        await using var catalog = await ctx.OpenCatalogAsync(ct).ConfigureAwait(false);
        var evaluator = new CheckpointEvaluator(ctx.Home, catalog.DataSource, Console.Error);
        var options = new CheckpointEvaluator.Options(ctx.Parse.GetValue(Prompts), ctx.Parse.GetValue(Docs), ctx.Parse.GetValue(MaxTokens),
            !ctx.Parse.GetValue(Unconstrained), ctx.Parse.GetValue(Mtb));
        var results = await evaluator.RunAsync(dir, options, ct).ConfigureAwait(false);
        var json = JsonSerializer.Serialize(results, CliContext.JsonOptions);
        results["evaluation"] = await EvaluationCatalog.InsertAsync(catalog.DataSource, Path.GetFullPath(dir), results["snapshot"] as string, json, ct).ConfigureAwait(false);
        if (ctx.Json)
            ctx.WriteJson(results);
        else
            ctx.Human.WriteLine(json);
        return ExitCodes.Success;
    }
}
