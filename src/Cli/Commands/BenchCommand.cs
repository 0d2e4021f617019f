using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using MusicPile.Core;
using MusicPile.Samples.Bench;
using MusicPile.Core.Pipelines;
using MusicPile.Samples;

namespace MusicPile.Cli.Commands;

/// <summary>
/// <c>musicpile bench --size 10x --json</c>: generates MusicPile-shaped data of that size (cached under
/// <c>&lt;home&gt;/bench/</c>), runs the nightly pipeline on it with the local executor and reports per stage
/// records/s, MB/s and peak memory.
/// </summary>
internal static class BenchCommand
{
    private static readonly Option<string> Size = new("--size") { Description = "1x (the shared data's size), 10x, 100x, any factor like 0.1x, or full (about 5.9M documents)", DefaultValueFactory = _ => "1x" };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of the generated data (default 7)", DefaultValueFactory = _ => 7 };
    private static readonly Option<int?> Workers = new("--workers") { Description = "Tasks run at once (default: cores)" };
    private static readonly Option<string?> Datasets = new("--datasets") { Description = "Shared datasets folder (default $MUSICPILE_DATASETS, else ../shared/datasets)" };
    private static readonly Option<bool> Regenerate = new("--regenerate") { Description = "Write the data again even when a generated copy exists" };

    public static Command Create()
    {
        var cmd = new Command("bench", "Benchmark the nightly pipeline on generated MusicPile-shaped data");
        cmd.Options.Add(Size);
        cmd.Options.Add(Seed);
        cmd.Options.Add(Workers);
        cmd.Options.Add(Datasets);
        cmd.Options.Add(Regenerate);
        cmd.SetAction((p, ct) => CliContext.GuardAsync(p, RunAsync, ct));
        return cmd;
    }

    private static async Task<int> RunAsync(CliContext ctx, CancellationToken ct)
    {
        var size = CorpusSize.Parse(ctx.Parse.GetValue(Size)!);
        var seed = ctx.Parse.GetValue(Seed);
        ctx.Home.EnsureCreated();
        var dataDir = Path.Combine(ctx.Home.Root, "bench", $"data-{size.Name}-seed{seed}");
        var marker = Path.Combine(dataDir, "generated.json");
        var sw = Stopwatch.StartNew();
        GeneratedCorpus corpus;
        if (File.Exists(marker) && !ctx.Parse.GetValue(Regenerate))
        {
            corpus = JsonSerializer.Deserialize<GeneratedCorpus>(await File.ReadAllTextAsync(marker, ct).ConfigureAwait(false))!;
            ctx.Human.WriteLine($"bench: using the data generated before in {dataDir}");
        }
        else
        {
            if (Directory.Exists(dataDir))
                Directory.Delete(dataDir, recursive: true);
            ctx.Human.WriteLine($"bench: generating {size.Name} into {dataDir}");
            var options = new CorpusGeneratorOptions { DatasetsDir = FindDatasets(ctx.Parse.GetValue(Datasets)), Scale = size.Scale, Seed = seed };
            corpus = await CorpusGenerator.WriteAsync(dataDir, options, ct).ConfigureAwait(false);
            await File.WriteAllTextAsync(marker, JsonSerializer.Serialize(corpus), ct).ConfigureAwait(false);
        }
        var generateSeconds = sw.Elapsed.TotalSeconds;
        ctx.Human.WriteLine($"bench: {corpus.Documents:N0} documents, {corpus.Bytes / 1048576.0:N1} MB of text");

        var pipelineFile = Path.Combine(dataDir, "bench.yaml");
        await File.WriteAllTextAsync(pipelineFile, PipelineYaml(size.Name), ct).ConfigureAwait(false);
        var pipeline = PipelineDefinition.Load(pipelineFile);
        await using var catalog = await ctx.OpenCatalogAsync(ct).ConfigureAwait(false);
        var runner = new PipelineRunner(catalog.DataSource, ctx.Home, Stages.Registry());
        using var meter = new StageMeter();
        var progress = new BenchProgress(meter, new ProgressView());
        sw.Restart();
        var result = await runner.RunAsync(pipeline, new RunOptions { Workers = ctx.Parse.GetValue(Workers) ?? Environment.ProcessorCount }, progress, ct).ConfigureAwait(false);
        var seconds = sw.Elapsed.TotalSeconds;
        var figures = StageFigures.Of(result, meter);
        var summary = await RunSummary.OfAsync(catalog.DataSource, result, ct).ConfigureAwait(false);
        var report = new
        {
            size = size.Name,
            scale = size.Scale,
            seed,
            documents = corpus.Documents,
            documents_by_kind = corpus.DocumentsByKind,
            input_mb = Math.Round(corpus.Bytes / 1048576.0, 1),
            generate_seconds = Math.Round(generateSeconds, 1),
            seconds = Math.Round(seconds, 1),
            documents_per_second = Math.Round(corpus.Documents / seconds, 1),
            run = result.RunId,
            snapshot = summary.Snapshot,
            kept = summary.Kept,
            peak_memory_mb = Math.Round(Math.Max(StageMeter.ProcessPeakMb, figures.Count == 0 ? 0 : figures.Max(f => f.PeakMemoryMb)), 1),
            workers = ctx.Parse.GetValue(Workers) ?? Environment.ProcessorCount,
            stages = figures.Select(f => new
            {
                name = f.Name, records_in = f.RecordsIn, kept = f.Kept, seconds = f.Seconds, mb_in = f.MbIn,
                records_per_second = f.RecordsPerSecond, mb_per_second = f.MbPerSecond, peak_memory_mb = f.PeakMemoryMb,
            }),
        };
        if (ctx.Json)
            ctx.WriteJson(report);
        var w = ctx.Human;
        w.WriteLine($"bench {size.Name}: {corpus.Documents:N0} documents in {seconds:N1} s (data generated in {generateSeconds:N1} s), snapshot {summary.Snapshot}");
        foreach (var f in figures)
            w.WriteLine($"  {f.Name,-10} {f.RecordsIn,10:N0} rec  {f.Seconds,8:N1} s  {f.RecordsPerSecond,10:N0} rec/s  {f.MbPerSecond,7:N2} MB/s  peak {f.PeakMemoryMb,7:N0} MB");
        return ExitCodes.Success;
    }

    private static string PipelineYaml(string size) => $$"""
        name: bench-{{size}}
        sources:
          - name: bench-abc
            kind: abc
            paths: ["abc/*.abc"]
          - name: bench-text
            kind: jsonl
            paths: ["text/*.jsonl.gz"]
            options: { src_from_record: true }
        stages:
          - { name: ingest, type: ingest, options: { incremental: false } }
          - { name: normalize, type: normalize }
          - { name: dedup, type: dedup, options: { incremental: false } }
          - { name: publish, type: publish, options: { incremental: false } }
        """;

    private static string FindDatasets(string? given)
    {
        var candidates = new[]
        {
            given, Environment.GetEnvironmentVariable("MUSICPILE_DATASETS"),
            Path.Combine(Environment.CurrentDirectory, "..", "shared", "datasets"),
            Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "shared", "datasets"),
        };
        foreach (var c in candidates)
        {
            if (!string.IsNullOrWhiteSpace(c) && Directory.Exists(Path.Combine(c, "abc")))
                return Path.GetFullPath(c);
        }
        throw MusicPileException.Usage("shared datasets not found: pass --datasets DIR or set MUSICPILE_DATASETS");
    }

    /// <summary>Feeds run events to the meter and to the progress view.</summary>
    private sealed class BenchProgress(StageMeter meter, IProgress<RunEvent> view) : IProgress<RunEvent>
    {
        public void Report(RunEvent value)
        {
            meter.Report(value);
            view.Report(value);
        }
    }
}
