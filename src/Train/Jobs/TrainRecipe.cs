using MusicPile.Core;
using MusicPile.Core.Records;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MusicPile.Train.Jobs;

/// <summary>
/// A training config file (<c>pipelines/train-tiny.yaml</c>), bound once into typed settings: the tokenizer and
/// validation split, one data source per document kind (so validation loss shows music and general text apart) with
/// its weight, the model and the trainer. Unknown keys and bad values are usage errors naming the file and the key.
/// </summary>
public sealed record TrainRecipe
{
    /// <summary>Tokenizer of a run from a snapshot when the config names none.</summary>
    public const string DefaultTokenizer = "llama2";

    /// <summary>Validation share of a run from a snapshot when the config gives none.</summary>
    public const double DefaultValFraction = 0.05;

    /// <summary>The document kinds trained on when the config lists none.</summary>
    public static IReadOnlyList<string> AllKinds { get; } =
        [CorpusRecord.Kinds.Abc, CorpusRecord.Kinds.Text, CorpusRecord.Kinds.Chat, CorpusRecord.Kinds.Sft];

    /// <summary>The file read (named in messages); empty for a recipe made in code.</summary>
    public string File { get; init; } = "";

    /// <summary>Run name. Default: the file name without extension.</summary>
    public string Name { get; init; } = "train";

    /// <summary>Tokenizer spec; null: <see cref="DefaultTokenizer"/> from a snapshot, the export's own from an export.</summary>
    public string? Tokenizer { get; init; }

    /// <summary>Share of documents held out; null: <see cref="DefaultValFraction"/> from a snapshot, the export's own from an export.</summary>
    public double? ValFraction { get; init; }

    /// <summary>Document kinds trained on, one data source each. Default <see cref="AllKinds"/>.</summary>
    public IReadOnlyList<string> Kinds { get; init; } = AllKinds;

    /// <summary>Sampling weight per kind; kinds not listed weigh 1. Default empty.</summary>
    public IReadOnlyDictionary<string, double> Weights { get; init; } = new Dictionary<string, double>();

    /// <summary>The model section.</summary>
    public ModelSettings Model { get; init; } = new();

    /// <summary>The trainer section bound onto the trainer's settings (sources, output folder and model come later).</summary>
    public TrainConfig Trainer { get; init; } = new();

    /// <summary>The file's text as written, kept with the run in the catalog.</summary>
    public string Text { get; init; } = "";

    /// <summary>The weight of a kind (1 when not listed).</summary>
    public double WeightOf(string kind) => Weights.GetValueOrDefault(kind, 1.0);

    /// <summary>Reads and binds <paramref name="path"/>; any problem is a <see cref="MusicPileException.Usage"/> naming it.</summary>
    public static TrainRecipe Load(string path)
    {
        if (!System.IO.File.Exists(path))
            throw MusicPileException.Usage($"{path}: training config not found");
        var text = System.IO.File.ReadAllText(path);
        var yaml = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            yaml.Load(reader);
        }
        catch (YamlException e)
        {
            throw MusicPileException.Usage($"{path}:{e.Start.Line}:{e.Start.Column}: invalid YAML: {e.Message}");
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode node)
            throw MusicPileException.Usage($"{path}: a training config is a mapping");
        var root = new RecipeSection(path, "", node);
        var recipe = new TrainRecipe
        {
            File = path,
            Text = text,
            Name = root.String("name") ?? Path.GetFileNameWithoutExtension(path),
            Tokenizer = root.String("tokenizer"),
            ValFraction = root.Double("val_fraction", 0, 0.5, positive: true),
            Kinds = root.Names("kinds", AllKinds) ?? AllKinds,
            Weights = root.PositiveNumbers("weights", AllKinds) ?? new Dictionary<string, double>(),
            Model = ModelSettings.Bind(root.Section("model")),
            Trainer = TrainerSettings.Bind(root.Section("train")),
        };
        root.RejectUnknown();
        try
        {
            recipe.Model.For(TrainPresets.Load(recipe.Model.Preset).VocabSize);
        }
        catch (ArgumentException e)
        {
            throw MusicPileException.Usage($"{path}: model: {e.Message}");
        }
        return recipe;
    }
}
