using MusicPile.Core;
using MusicPile.Core.Pipelines;
using Npgsql;

namespace MusicPile.Ingest.Tests;

/// <summary>A real catalog database and home folder, and the ETL stages, for running pipelines in tests.</summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    private PipelineHarness(NpgsqlDataSource db, MusicPileHome home)
    {
        Db = db;
        Home = home;
    }

    public NpgsqlDataSource Db { get; }
    public MusicPileHome Home { get; }

    public static async Task<PipelineHarness> CreateAsync(string name) =>
        new(NpgsqlDataSource.Create(await TestDatabase.CreateDatabaseAsync(name)), new MusicPileHome(TestPaths.NewTempDir()));

    public static StageRegistry Registry() => new StageRegistry()
        .Add("ingest", () => new IngestStage())
        .Add("normalize", () => new Normalize.NormalizeStage())
        .Add("dedup", () => new Dedup.Stages.DedupStage())
        .Add("publish", () => new Publish.PublishStage());

    public Task<RunResult> RunAsync(string yaml, string baseDir, int workers = 2) =>
        new PipelineRunner(Db, Home, Registry()).RunAsync(PipelineDefinition.Parse(yaml, baseDir), new RunOptions { Workers = workers }, null, CancellationToken.None);

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
