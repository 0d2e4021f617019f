using MusicPile.Core.Pipelines;

namespace MusicPile.Cli;

/// <summary>The stage types pipeline files can use.</summary>
internal static class Stages
{
    public static StageRegistry Registry() => new StageRegistry()
        .Add("ingest", () => new MusicPile.Ingest.IngestStage())
        ;
}
