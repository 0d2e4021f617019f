using YamlDotNet.RepresentationModel;

namespace MusicPile.Core.Pipelines;

/// <summary>One stage of a pipeline: a name, the stage type that runs it, how many tasks, and its options.</summary>
public sealed record StageDefinition(string Name, string Type, int Tasks, StageOptions Options)
{
    internal static StageDefinition FromYaml(YamlReader y, YamlNode node)
    {
        var map = y.Mapping(node, "stage");
        var type = y.OptionalString(map, "type") ?? y.RequiredString(map, "name");
        var name = y.CheckName(map, "stage", y.OptionalString(map, "name") ?? type);
        var tasksText = y.OptionalString(map, "tasks");
        var tasks = 0;
        if (tasksText is not null && (!int.TryParse(tasksText, out tasks) || tasks < 1 || tasks > 100_000))
            throw y.Error(map, $"stage '{name}': tasks must be a whole number from 1 to 100000, not '{tasksText}'");
        return new StageDefinition(name, type, tasks, y.Options(map));
    }
}
