using System.Text.Json.Serialization;
using YamlDotNet.RepresentationModel;

namespace MusicPile.Core.Pipelines;

/// <summary>One input of a pipeline: a name (the <c>src</c> of its records), a kind, paths or globs, a licence and options.</summary>
public sealed record SourceDefinition(string Name, string Kind, IReadOnlyList<string> Paths, string Licence, StageOptions Options)
{
    public static readonly IReadOnlyList<string> KnownKinds = ["abc", "jsonl", "parquet", "text", "auto"];

    /// <summary>The options bound to their record; a pipeline file is checked against it when it is parsed.</summary>
    [JsonIgnore]
    public SourceOptions Settings { get; } = StageOptionsBinder.Bind<SourceOptions>(Options, $"source '{Name}'");

    internal static SourceDefinition FromYaml(YamlReader y, YamlNode node)
    {
        var map = y.Mapping(node, "source");
        var name = y.CheckName(map, "source", y.RequiredString(map, "name"));
        var kind = y.OptionalString(map, "kind") ?? "auto";
        if (!KnownKinds.Contains(kind))
            throw y.Error(map, $"source '{name}': unknown kind '{kind}' (expected one of {string.Join(", ", KnownKinds)})");
        var paths = y.StringList(map, "paths");
        if (paths.Count == 0 && y.OptionalString(map, "path") is { } single)
            paths = [single];
        if (paths.Count == 0)
            throw y.Error(map, $"source '{name}': no paths");
        var options = y.Options(map);
        StageOptionsBinder.Bind<SourceOptions>(options, y.Where($"source '{name}'"));
        return new SourceDefinition(name, kind, paths, y.OptionalString(map, "licence") ?? "", options);
    }
}
