using System.CommandLine;
using MusicPile.Core;
using MusicPile.Core.Pipelines;

namespace MusicPile.Cli.Commands;

/// <summary>
/// <c>musicpile ingest SOURCE... [--publish]</c>: ingest, normalise and deduplicate paths or globs with default
/// settings (<c>kind:path</c> picks the reader: abc, jsonl, parquet, text), and with <c>--publish</c> publish a snapshot.
/// </summary>
internal static class IngestCommand
{
    private static readonly Argument<string[]> Sources = new("sources") { Description = "Paths, globs or kind:path", Arity = ArgumentArity.OneOrMore };
    private static readonly Option<bool> Publish = new("--publish") { Description = "Publish a snapshot of the result" };
    private static readonly Option<int?> Workers = new("--workers") { Description = "Tasks run at once (default: cores)" };

    public static Command Create()
    {
        var cmd = new Command("ingest", "Ingest, normalise and deduplicate sources with default settings");
        cmd.Arguments.Add(Sources);
        cmd.Options.Add(Publish);
        cmd.Options.Add(Workers);
        cmd.SetAction((p, ct) => CliContext.GuardAsync(p, RunAsync, ct));
        return cmd;
    }

    public static PipelineDefinition Pipeline(IEnumerable<string> args, bool publish)
    {
        var sources = new List<SourceDefinition>();
        foreach (var arg in args)
        {
            var kind = "auto";
            var path = arg;
            var colon = arg.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && SourceDefinition.KnownKinds.Contains(arg[..colon]))
            {
                kind = arg[..colon];
                path = arg[(colon + 1)..];
            }
            var baseName = Path.GetFileName(Path.TrimEndingDirectorySeparator(path.Split('*')[0]));
            var name = string.IsNullOrEmpty(baseName) ? "source" : baseName;
            while (sources.Any(s => s.Name == name))
                name += "'";
            sources.Add(new SourceDefinition(name, kind, [Path.GetFullPath(path)], "", StageOptions.Empty));
        }
        var stages = new List<StageDefinition>
        {
            new("ingest", "ingest", 0, StageOptions.Empty),
            new("normalize", "normalize", 0, StageOptions.Empty),
            new("dedup", "dedup", 0, StageOptions.Empty),
        };
        if (publish)
            stages.Add(new StageDefinition("publish", "publish", 0, StageOptions.Empty));
        return new PipelineDefinition("ingest", sources, stages);
    }

    private static async Task<int> RunAsync(CliContext ctx, CancellationToken ct)
    {
        var pipeline = Pipeline(ctx.Parse.GetValue(Sources)!, ctx.Parse.GetValue(Publish));
        await using var catalog = await ctx.OpenCatalogAsync(ct).ConfigureAwait(false);
        var runner = new PipelineRunner(catalog.DataSource, ctx.Home, Stages.Registry());
        var result = await runner.RunAsync(pipeline, new RunOptions { Workers = ctx.Parse.GetValue(Workers) ?? Environment.ProcessorCount }, new ProgressView(), ct).ConfigureAwait(false);
        var summary = await RunSummary.OfAsync(catalog.DataSource, result, ct).ConfigureAwait(false);
        if (ctx.Json)
            ctx.WriteJson(summary);
        RunReport.Print(ctx, result, writeJson: false);
        if (summary.Snapshot is not null)
            ctx.Human.WriteLine($"snapshot {summary.Snapshot}");
        return ExitCodes.Success;
    }
}
