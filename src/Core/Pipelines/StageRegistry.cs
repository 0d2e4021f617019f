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

    /// <summary>Checks that every stage's type is known and its options bind to the stage's options record.</summary>
    public void Validate(PipelineDefinition p)
    {
        ArgumentNullException.ThrowIfNull(p);
        foreach (var s in p.Stages)
        {
            if (!_factories.TryGetValue(s.Type, out var factory))
                throw MusicPileException.Usage($"{p.Where(s)}: unknown stage type '{s.Type}' (known: {string.Join(", ", _factories.Keys.Order())})");
            StageOptionsBinder.Bind(factory().OptionsType, s.Options, p.Where(s));
        }
    }
}
