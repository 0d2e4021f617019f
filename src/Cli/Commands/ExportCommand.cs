using System.CommandLine;
using MusicPile.Core;
using MusicPile.Tokenize;

namespace MusicPile.Cli.Commands;

/// <summary><c>musicpile export --snapshot ID --tokenizer llama2 --format megatron --out DIR</c>.</summary>
internal static class ExportCommand
{
    private static readonly Option<string> Snapshot = new("--snapshot") { Description = "Snapshot id, or 'latest'", Required = true };
    private static readonly Option<string> Tokenizer = new("--tokenizer") { Description = "llama2 | sentencepiece:PATH | tiktoken:gpt2|cl100k_base|o200k_base | train-spm:VOCAB:TEXTFILE", DefaultValueFactory = _ => "llama2" };
    private static readonly Option<string> Format = new("--format") { Description = "megatron | llmc | nanogpt | parquet", DefaultValueFactory = _ => "megatron" };
    private static readonly Option<string?> Out = new("--out") { Description = "Output folder (default <home>/data/exports/<id>)" };
    private static readonly Option<double> ValFraction = new("--val-fraction") { Description = "Share of documents (by hash) in the validation split", DefaultValueFactory = _ => 0.01 };
    private static readonly Option<string[]> Weights = new("--weight") { Description = "Mixture weight per source, SRC=W (e.g. bach=100, general=0.2); repeatable", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<int?> SeqLen = new("--seq-len") { Description = "Pack documents into sequences of this many tokens" };
    private static readonly Option<long?> ShardTokens = new("--shard-tokens") { Description = "Start a new shard after this many tokens" };

    public static Command Create()
    {
        var cmd = new Command("export", "Tokenize a snapshot into training shards");
        foreach (var o in new Option[] { Snapshot, Tokenizer, Format, Out, ValFraction, Weights, SeqLen, ShardTokens })
            cmd.Options.Add(o);
        cmd.SetAction((p, ct) => CliContext.GuardAsync(p, RunAsync, ct));
        return cmd;
    }

    public static ShardFormat ParseFormat(string s) => s.ToLowerInvariant() switch
    {
        "megatron" => ShardFormat.Megatron,
        "llmc" or "llm.c" => ShardFormat.Llmc,
        "nanogpt" => ShardFormat.NanoGpt,
        "parquet" => ShardFormat.Parquet,
        _ => throw MusicPileException.Usage($"--format {s}: expected megatron, llmc, nanogpt or parquet"),
    };

    private static async Task<int> RunAsync(CliContext ctx, CancellationToken ct)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var w in ctx.Parse.GetValue(Weights) ?? [])
        {
            var eq = w.LastIndexOf('=');
            if (eq <= 0 || !double.TryParse(w[(eq + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var v) || v < 0)
                throw MusicPileException.Usage($"--weight {w}: expected SRC=WEIGHT with a weight >= 0");
            weights[w[..eq]] = v;
        }
        var options = new ExportOptions
        {
            Tokenizer = ctx.Parse.GetValue(Tokenizer)!,
            Format = ParseFormat(ctx.Parse.GetValue(Format)!),
            ValidationFraction = ctx.Parse.GetValue(ValFraction),
            SourceWeights = weights,
            SequenceLength = ctx.Parse.GetValue(SeqLen),
            ShardTokens = ctx.Parse.GetValue(ShardTokens),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw MusicPileException.Usage(e.Message);
        }
        await using var catalog = await ctx.OpenCatalogAsync(ct).ConfigureAwait(false);
        var (row, manifest, reused) = await SnapshotExporter.ExportAsync(catalog.DataSource, ctx.Home, ctx.Parse.GetValue(Snapshot)!, options, ctx.Parse.GetValue(Out), ct).ConfigureAwait(false);
        Print(ctx, row, manifest, reused);
        return ExitCodes.Success;
    }

    public static object ToJson(SnapshotExporter.ExportRow row, ExportManifest manifest, bool reused) => new
    {
        export = row.Id,
        snapshot = row.SnapshotId,
        tokenizer = row.Tokenizer,
        vocab_hash = row.VocabHash,
        format = row.Format,
        tokens = row.Tokens,
        tokens_by_split = manifest.TokensBySplit,
        tokens_by_source = manifest.Sources.ToDictionary(s => s.Source, s => s.TrainTokens + s.ValidationTokens),
        out_dir = row.OutDir,
        reused,
        files = manifest.Shards.SelectMany(s => s.Files).Select(f => new { path = f.Path, sha256 = f.Sha256, bytes = f.Bytes }),
    };

    private static void Print(CliContext ctx, SnapshotExporter.ExportRow row, ExportManifest manifest, bool reused)
    {
        if (ctx.Json)
            ctx.WriteJson(ToJson(row, manifest, reused));
        ctx.Human.WriteLine($"export {row.Id} of {row.SnapshotId}{(reused ? " (already made)" : "")}: {row.Tokens:N0} tokens, {row.Tokenizer} ({row.VocabHash[..12]}), {row.Format} in {row.OutDir}");
        foreach (var s in manifest.Sources)
            ctx.Human.WriteLine($"  {s.Source,-28} x{s.Weight,-5} train {s.TrainTokens,12:N0}  val {s.ValidationTokens,10:N0}");
    }
}
