using System.Text.RegularExpressions;
using MusicPile.Core.Text;
using YamlDotNet.RepresentationModel;

namespace MusicPile.Core.Pipelines;

/// <summary>Typed access to pipeline YAML with errors that name the file, line and column.</summary>
internal sealed partial class YamlReader(string fileName)
{
    /// <summary>A part of the file, for messages: <c>FILE: WHAT</c>.</summary>
    public string Where(string what) => $"{fileName}: {what}";

    public MusicPileException Error(YamlNode node, string message) =>
        MusicPileException.Usage($"{fileName}:{node.Start.Line}:{node.Start.Column}: {message}");

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"each {what} must be a mapping");

    /// <summary>
    /// The <c>name</c> of a pipeline, stage or source: it names folders and files, so it is letters, digits, <c>_</c>,
    /// <c>.</c> and <c>-</c>, starting with a letter or digit.
    /// </summary>
    public string CheckName(YamlNode node, string what, string name) =>
        NamePattern().IsMatch(name)
            ? name
            : throw Error(node, $"{what} name {Printable.Quote(name)} is not allowed: use letters, digits, '_', '.' and '-', starting with a letter or digit");

    public string RequiredString(YamlMappingNode map, string key) =>
        OptionalString(map, key) ?? throw Error(map, $"'{key}' is required");

    public string? OptionalString(YamlMappingNode map, string key)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var v))
            return null;
        return v is YamlScalarNode s ? s.Value : throw Error(v, $"'{key}' must be a single value");
    }

    public IReadOnlyList<YamlNode> Sequence(YamlMappingNode map, string key)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var v))
            return [];
        return v is YamlSequenceNode seq ? seq.Children.ToList() : throw Error(v, $"'{key}' must be a list");
    }

    public IReadOnlyList<string> StringList(YamlMappingNode map, string key)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var v))
            return [];
        return v switch
        {
            YamlScalarNode s => [s.Value ?? ""],
            YamlSequenceNode seq => seq.Children.Select(c => c is YamlScalarNode cs ? cs.Value ?? "" : throw Error(c, $"'{key}' must be a list of values")).ToList(),
            _ => throw Error(v, $"'{key}' must be a list"),
        };
    }

    public StageOptions Options(YamlMappingNode map)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode("options"), out var v))
            return StageOptions.Empty;
        return new StageOptions(ToDictionary(Mapping(v, "options")));
    }

    private Dictionary<string, object> ToDictionary(YamlMappingNode map)
    {
        var d = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
            d[((YamlScalarNode)k).Value ?? ""] = ToValue(v);
        return d;
    }

    private object ToValue(YamlNode v) => v switch
    {
        YamlScalarNode s => s.Value ?? "",
        YamlSequenceNode seq => seq.Children.Select(c => c is YamlScalarNode cs ? cs.Value ?? "" : throw Error(c, "nested lists are not supported in options")).ToList(),
        YamlMappingNode m => (IReadOnlyDictionary<string, object>)ToDictionary(m),
        _ => throw Error(v, "unsupported YAML node"),
    };

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]*\z")]
    private static partial Regex NamePattern();
}
