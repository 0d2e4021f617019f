using MusicPile.Core;
using MusicPile.Core.Catalog;
using MusicPile.Core.Parquet;
using MusicPile.Core.Pipelines;
using MusicPile.Core.Records;
using Npgsql;

namespace MusicPile.Publish.Tests;

/// <summary>A catalog database and home folder of their own, the ETL stages, and the documents of the latest snapshot.</summary>
internal sealed class NightHarness : IAsyncDisposable
{
    private NightHarness(NpgsqlDataSource db, MusicPileHome home)
    {
        Db = db;
        Home = home;
    }

    public NpgsqlDataSource Db { get; }
    public MusicPileHome Home { get; }

    public static async Task<NightHarness> CreateAsync(string name) =>
        new(NpgsqlDataSource.Create(await TestDatabase.CreateDatabaseAsync(name)), new MusicPileHome(TestPaths.NewTempDir("musicpile-publish")));

    public static StageRegistry Registry() => new StageRegistry()
        .Add("ingest", () => new Ingest.IngestStage())
        .Add("normalize", () => new Normalize.NormalizeStage())
        .Add("dedup", () => new Dedup.Stages.DedupStage())
        .Add("publish", () => new PublishStage());

    /// <summary>
    /// A nightly pipeline named <paramref name="name"/>: the given sources (name, kind, folder whose files it reads,
    /// licence or null) through ingest, normalize, dedup and publish with default options.
    /// </summary>
    public static string NightlyPipeline(string name, params (string Name, string Kind, string Folder, string? Licence)[] sources)
    {
        var yaml = new System.Text.StringBuilder($"name: {name}\nsources:\n");
        foreach (var (source, kind, folder, licence) in sources)
        {
            var extension = kind == "jsonl" ? "jsonl" : "abc";
            yaml.Append($"  - name: {source}\n    kind: {kind}\n    paths: [\"{folder}/*.{extension}\"]\n");
            if (licence is not null)
                yaml.Append($"    licence: {licence}\n");
        }
        yaml.Append("stages:\n");
        foreach (var stage in new[] { "ingest", "normalize", "dedup", "publish" })
            yaml.Append($"  - name: {stage}\n    type: {stage}\n");
        return yaml.ToString();
    }

    public Task<RunResult> RunAsync(string yaml, string baseDir, int workers = 2) =>
        new PipelineRunner(Db, Home, Registry()).RunAsync(PipelineDefinition.Parse(yaml, baseDir), new RunOptions { Workers = workers }, null, CancellationToken.None);

    public async Task<SnapshotCatalog.SnapshotRow> LatestAsync() =>
        (await SnapshotCatalog.LatestAsync(Db, CancellationToken.None))!;

    /// <summary>Every document of a snapshot (the latest when none is named), read from its files.</summary>
    public async Task<List<CorpusRecord>> DocumentsAsync(string? snapshotId = null)
    {
        var id = snapshotId ?? (await LatestAsync()).Id;
        var docs = new List<CorpusRecord>();
        foreach (var f in await SnapshotCatalog.FilesAsync(Db, id, CancellationToken.None))
        {
            await foreach (var r in CorpusShardReader.ReadAsync(Path.Combine(Home.SnapshotsDir, id, f.Path), CancellationToken.None))
                docs.Add(r);
        }
        return docs;
    }

    /// <summary>What the invariant compares: each document's source, kind, content hash and id, in one order.</summary>
    public static List<string> Contents(IEnumerable<CorpusRecord> docs) =>
        docs.Select(d => $"{d.Src}\t{d.Kind}\t{d.Sha256}\t{d.Id}").Order(StringComparer.Ordinal).ToList();

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
