// dotnet run -c Release --project bench/NightlyBench -- [--size 1x] [--change 1] [--per-file 100] [--datasets DIR] [--home DIR]
// A full nightly run over generated data, then a night with --change percent of the files edited: what the night
// costs per stage beside the full run (ingest and normalise should follow the change; dedup and publish rebuild).
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MusicPile.Core;
using MusicPile.Core.Catalog;
using MusicPile.Core.Pipelines;
using MusicPile.NightlyBench;
using MusicPile.Samples;
using MusicPile.Samples.Bench;

var options = BenchOptions.Parse(args);
var home = new MusicPileHome(options.Home);
home.EnsureCreated();
var data = Path.Combine(home.Root, $"data-{options.Size.Name}-{options.PerFile}");
if (Directory.Exists(data))
    Directory.Delete(data, recursive: true);
var sw = Stopwatch.StartNew();
var corpus = await CorpusGenerator.WriteAsync(data, new CorpusGeneratorOptions
{
    DatasetsDir = options.Datasets, Scale = options.Size.Scale, Seed = 7, DocumentsPerFile = options.PerFile,
}, CancellationToken.None);
Console.Error.WriteLine($"generated {corpus.Documents:N0} documents ({corpus.Bytes / 1048576.0:N1} MB) in {corpus.Files.Count} files in {sw.Elapsed.TotalSeconds:N1} s");
await File.WriteAllTextAsync(Path.Combine(data, "nightly.yaml"), """
    name: nightly-bench
    sources:
      - { name: bench-abc, kind: abc, paths: ["abc/*.abc"] }
      - { name: bench-text, kind: jsonl, paths: ["text/*.jsonl.gz"], options: { src_from_record: true } }
    stages:
      - { name: ingest, type: ingest }
      - { name: normalize, type: normalize }
      - { name: dedup, type: dedup }
      - { name: publish, type: publish }
    """);
var pipeline = PipelineDefinition.Load(Path.Combine(data, "nightly.yaml"));
await using var catalog = await CatalogConnection.OpenAsync(home, Environment.GetEnvironmentVariable("MUSICPILE_DB"), CancellationToken.None);
var registry = new StageRegistry()
    .Add("ingest", () => new MusicPile.Ingest.IngestStage())
    .Add("normalize", () => new MusicPile.Normalize.NormalizeStage())
    .Add("dedup", () => new MusicPile.Dedup.Stages.DedupStage())
    .Add("publish", () => new MusicPile.Publish.PublishStage());

async Task<(IReadOnlyList<StageFigures> Stages, double Seconds, RunResult Run)> RunAsync()
{
    using var meter = new StageMeter();
    var clock = Stopwatch.StartNew();
    var result = await new PipelineRunner(catalog.DataSource, home, registry).RunAsync(pipeline, new RunOptions(), meter, CancellationToken.None);
    return (StageFigures.Of(result, meter), clock.Elapsed.TotalSeconds, result);
}

var full = await RunAsync();
var changed = FileEdits.Apply(corpus.Files, options.ChangePercent, seed: 11);
Console.Error.WriteLine($"edited {changed.Files} of {corpus.Files.Count} files ({changed.Records:N0} records)");
var night = await RunAsync();
var snapshot = await SnapshotCatalog.LatestAsync(catalog.DataSource, CancellationToken.None);

var rows = full.Stages.Zip(night.Stages, (f, n) => new
{
    name = f.Name,
    full_seconds = f.Seconds,
    night_seconds = n.Seconds,
    night_share = f.Seconds > 0 ? Math.Round(n.Seconds / f.Seconds, 4) : 0,
    full_records_in = f.RecordsIn,
    night_records_in = n.RecordsIn,
    records_share = f.RecordsIn > 0 ? Math.Round((double)n.RecordsIn / f.RecordsIn, 4) : 0,
    peak_memory_mb = Math.Max(f.PeakMemoryMb, n.PeakMemoryMb),
}).ToList();
double Sum(IEnumerable<StageFigures> s, params string[] names) => s.Where(x => names.Contains(x.Name)).Sum(x => x.Seconds);
var report = new
{
    size = options.Size.Name,
    documents = corpus.Documents,
    files = corpus.Files.Count,
    files_changed = changed.Files,
    change_percent = options.ChangePercent,
    full_seconds = Math.Round(full.Seconds, 1),
    night_seconds = Math.Round(night.Seconds, 1),
    ingest_normalize_share = Math.Round(Sum(night.Stages, "ingest", "normalize") / Sum(full.Stages, "ingest", "normalize"), 4),
    dedup_publish_share = Math.Round(Sum(night.Stages, "dedup", "publish") / Sum(full.Stages, "dedup", "publish"), 4),
    snapshot = snapshot?.Id,
    documents_published = snapshot?.Documents,
    stages = rows,
};
Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{options.Size.Name}, {changed.Files}/{corpus.Files.Count} files changed: full {full.Seconds:N1} s, night {night.Seconds:N1} s; ingest+normalise {report.ingest_normalize_share:P1} of full, dedup+publish {report.dedup_publish_share:P1}"));
foreach (var r in rows)
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {r.name,-10} full {r.full_seconds,8:N1} s {r.full_records_in,10:N0} rec   night {r.night_seconds,8:N1} s {r.night_records_in,10:N0} rec   ({r.night_share:P1} of the time)"));
