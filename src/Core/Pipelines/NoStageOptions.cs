namespace MusicPile.Core.Pipelines;

/// <summary>The options of a stage that takes none: any key in the pipeline file is an error.</summary>
public sealed record NoStageOptions : IStageOptions
{
    public void Validate()
    {
    }
}
