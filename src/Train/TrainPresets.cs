using System.Text.Json;

namespace MusicPile.Train;

/// <summary>
/// Model sizes kept as Hugging Face config files in <c>src/Train/presets/</c> (embedded):
/// <c>tiny</c> (about 1.5M parameters, for 2 CPU cores) and <c>100m</c> (about 100M, for a GPU). A training config
/// picks one with <c>model: preset:</c> (<c>pipelines/train-tiny.yaml</c>, <c>pipelines/train-100m.yaml</c>).
/// </summary>
public static class TrainPresets
{
    /// <summary>Preset names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["tiny", "100m"];

    /// <summary>The tiny preset.</summary>
    public static LlamaConfig Tiny => Load("tiny");

    /// <summary>A preset by name, optionally with the vocabulary size of the tokenizer in use.</summary>
    public static LlamaConfig Load(string name, int? vocabSize = null)
    {
        var resource = $"MusicPile.Train.presets.{name}.json";
        using var stream = typeof(TrainPresets).Assembly.GetManifestResourceStream(resource)
            ?? throw new ArgumentException($"unknown preset '{name}'; known: {string.Join(", ", Names)}");
        var config = JsonSerializer.Deserialize<LlamaConfig>(stream, LlamaConfig.JsonOptions)
            ?? throw new TrainFormatException($"preset {name} is empty");
        return (vocabSize is { } v ? config with { VocabSize = v } : config).Validate();
    }
}
