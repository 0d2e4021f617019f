using System.Text.Json;
using MusicPile.Core.Text;

namespace MusicPile.Core.Pipelines;

/// <summary>
/// The stages that work record by record: every stage before the first dedup stage. What they make of a source record
/// is kept between runs (the pool), so a run passes only new and changed records through them; the dedup stage and
/// those after it rebuild from the whole pool every run.
/// </summary>
public static class RecordStages
{
    /// <summary>The stage type that rebuilds from the pool.</summary>
    public const string DedupType = "dedup";

    /// <summary>Index of the first dedup stage, or -1 when the pipeline has none (then nothing is pooled).</summary>
    public static int PoolIndex(PipelineDefinition pipeline) =>
        pipeline.Stages.Select((s, i) => (s, i)).FirstOrDefault(x => x.s.Type == DedupType, (null!, -1)).Item2;

    /// <summary>
    /// A hash of a source's definition and of the record stages' definitions: a record read under another hash (other
    /// options, another licence) is read again, so what a run keeps never depends on an older configuration.
    /// </summary>
    public static string ProducerHash(PipelineDefinition pipeline, SourceDefinition source)
    {
        var end = PoolIndex(pipeline);
        var stages = end < 0 ? pipeline.Stages : pipeline.Stages.Take(end).ToList();
        return ContentHash.Of(JsonSerializer.Serialize(new { source, stages }, PipelineDefinition.JsonOptions))[..16];
    }
}
