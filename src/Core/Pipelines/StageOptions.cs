namespace MusicPile.Core.Pipelines;

/// <summary>
/// A stage's or source's options as the pipeline file wrote them: string keys, scalar, list or mapping values. They
/// are part of the run's recorded configuration; stages read them only through their options record
/// (<see cref="StageOptionsBinder"/>).
/// </summary>
public sealed class StageOptions
{
    public static readonly StageOptions Empty = new(new Dictionary<string, object>());

    public StageOptions(IReadOnlyDictionary<string, object> values) => Values = new SortedDictionary<string, object>(values.ToDictionary(), StringComparer.Ordinal);

    public IReadOnlyDictionary<string, object> Values { get; }
}
