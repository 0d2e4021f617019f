using MusicPile.Core.Pipelines;

namespace MusicPile.Cli;

/// <summary>The stage types pipeline files can use.</summary>
internal static class Stages
{
    public const string Ingest = "ingest";
    public const string Normalize = "normalize";
    public const string Dedup = "dedup";
    public const string Publish = "publish";
    public const string Instructions = "instructions";

    public static StageRegistry Registry() => new StageRegistry()
        .Add(Ingest, () => new MusicPile.Ingest.IngestStage())
        .Add(Normalize, () => new MusicPile.Normalize.NormalizeStage())
        .Add(Dedup, () => new MusicPile.Dedup.Stages.DedupStage())
        .Add(Publish, () => new MusicPile.Publish.PublishStage())
        .Add(Instructions, () => new MusicPile.Instruct.InstructionStage());
}
