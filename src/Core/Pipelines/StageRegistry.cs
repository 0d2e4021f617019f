namespace MusicPile.Core.Pipelines;

/// <summary>The stage types a pipeline file may name, by their <c>type</c>.</summary>
public sealed class StageRegistry
{
    private readonly Dictionary<string, Func<IStage>> _factories = new(StringComparer.Ordinal);

    public StageRegistry Add(string type, Func<IStage> factory)
    {
        _factories[type] = factory;
        return this;
    }

    public IReadOnlyCollection<string> Types => _factories.Keys;

    public IStage Create(string type) => _factories.TryGetValue(type, out var f)
        ? f()
        : throw MusicPileException.Usage($"unknown stage type '{type}' (known: {string.Join(", ", _factories.Keys.Order())})");

    public void Validate(PipelineDefinition p)
    {
        foreach (var s in p.Stages)
            _ = Create(s.Type);
    }
}
