using MusicPile.Core.Pipelines;

namespace MusicPile.Cli;

/// <summary>The stage types pipeline files can use.</summary>
internal static class Stages
{
    public static StageRegistry Registry() => new StageRegistry()
        .Add("ingest", () => new MusicPile.Ingest.IngestStage())
        .Add("normalize", () => new MusicPile.Normalize.NormalizeStage())
        .Add("dedup", () => new MusicPile.Dedup.Stages.DedupStage())
        .Add("publish", () => new MusicPile.Publish.PublishStage())
        .Add("instructions", () => new MusicPile.Instruct.InstructionStage());
}
