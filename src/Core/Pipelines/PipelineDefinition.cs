using System.Text.Json;
using System.Text.Json.Serialization;
using MusicPile.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MusicPile.Core.Pipelines;

/// <summary>A pipeline file: named sources and an ordered list of stages with options.</summary>
public sealed record PipelineDefinition(string Name, IReadOnlyList<SourceDefinition> Sources, IReadOnlyList<StageDefinition> Stages)
{
    /// <summary>The folder the pipeline file lives in; relative source paths resolve against it.</summary>
    [JsonIgnore]
    public string BaseDir { get; init; } = Environment.CurrentDirectory;

    /// <summary>The pipeline file as it was named on the command line, for messages.</summary>
    [JsonIgnore]
    public string FileName { get; init; } = "<pipeline>";

    /// <summary>A stable hash of what the pipeline does, so a rerun resumes only an identical pipeline.</summary>
    [JsonIgnore]
    public string ConfigHash => ContentHash.Of(ToJson())[..16];

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Where a stage is written, for messages: <c>FILE: stage 'NAME'</c>.</summary>
    public string Where(StageDefinition stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return $"{FileName}: stage '{stage.Name}'";
    }

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
    };

    public static PipelineDefinition Load(string path)
    {
        if (!File.Exists(path))
            throw MusicPileException.Usage($"{path}: pipeline file not found");
        try
        {
            return Parse(File.ReadAllText(path), Path.GetDirectoryName(Path.GetFullPath(path))!, path);
        }
        catch (YamlException e)
        {
            throw MusicPileException.Usage($"{path}:{e.Start.Line}:{e.Start.Column}: invalid YAML: {e.Message}");
        }
    }

    public static PipelineDefinition Parse(string yaml, string baseDir, string fileName = "<pipeline>")
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
            stream.Load(reader);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw MusicPileException.Usage($"{fileName}: a pipeline file is a mapping with 'name' and 'stages'");
        var y = new YamlReader(fileName);
        var name = y.CheckName(root, "pipeline", y.RequiredString(root, "name"));
        var sources = y.Sequence(root, "sources").Select(n => SourceDefinition.FromYaml(y, n)).ToList();
        var stages = y.Sequence(root, "stages").Select(n => StageDefinition.FromYaml(y, n)).ToList();
        if (stages.Count == 0)
            throw MusicPileException.Usage($"{fileName}: no stages");
        var dup = stages.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
            throw MusicPileException.Usage($"{fileName}: stage name '{dup.Key}' is used twice");
        var dupSrc = sources.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (dupSrc is not null)
            throw MusicPileException.Usage($"{fileName}: source name '{dupSrc.Key}' is used twice");
        return new PipelineDefinition(name, sources, stages) { BaseDir = baseDir, FileName = fileName };
    }
}
