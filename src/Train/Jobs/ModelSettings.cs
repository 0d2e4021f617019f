namespace MusicPile.Train.Jobs;

/// <summary>
/// The <c>model:</c> section of a training config: a preset from <c>src/Train/presets/</c> (<c>tiny</c> for CPUs,
/// <c>100m</c> for a GPU), its vocabulary sized to the tokenizer, with any of these <c>config.json</c> fields
/// overridden. A null field keeps the preset's value.
/// </summary>
public sealed record ModelSettings
{
    /// <summary>Preset name, one of <see cref="TrainPresets.Names"/>. Default <c>tiny</c>.</summary>
    public string Preset { get; init; } = "tiny";

    /// <summary><c>hidden_size</c>. Default: the preset's.</summary>
    public int? HiddenSize { get; init; }

    /// <summary><c>intermediate_size</c>. Default: the preset's.</summary>
    public int? IntermediateSize { get; init; }

    /// <summary><c>num_hidden_layers</c>. Default: the preset's.</summary>
    public int? NumHiddenLayers { get; init; }

    /// <summary><c>num_attention_heads</c>. Default: the preset's.</summary>
    public int? NumAttentionHeads { get; init; }

    /// <summary><c>num_key_value_heads</c>. Default: the preset's.</summary>
    public int? NumKeyValueHeads { get; init; }

    /// <summary><c>max_position_embeddings</c>. Default: the preset's.</summary>
    public int? MaxPositionEmbeddings { get; init; }

    /// <summary>The model for a tokenizer of <paramref name="vocabSize"/> ids.</summary>
    public LlamaConfig For(int vocabSize)
    {
        var c = TrainPresets.Load(Preset, vocabSize);
        return (c with
        {
            HiddenSize = HiddenSize ?? c.HiddenSize,
            IntermediateSize = IntermediateSize ?? c.IntermediateSize,
            NumHiddenLayers = NumHiddenLayers ?? c.NumHiddenLayers,
            NumAttentionHeads = NumAttentionHeads ?? c.NumAttentionHeads,
            NumKeyValueHeads = NumKeyValueHeads ?? c.NumKeyValueHeads,
            MaxPositionEmbeddings = MaxPositionEmbeddings ?? c.MaxPositionEmbeddings,
        }).Validate();
    }

    internal static ModelSettings Bind(RecipeSection? m)
    {
        if (m is null)
            return new ModelSettings();
        var settings = new ModelSettings
        {
            Preset = m.Choice("preset", TrainPresets.Names) ?? "tiny",
            HiddenSize = m.Int("hidden_size", 1),
            IntermediateSize = m.Int("intermediate_size", 1),
            NumHiddenLayers = m.Int("num_hidden_layers", 1),
            NumAttentionHeads = m.Int("num_attention_heads", 1),
            NumKeyValueHeads = m.Int("num_key_value_heads", 1),
            MaxPositionEmbeddings = m.Int("max_position_embeddings", 1),
        };
        m.RejectUnknown();
        return settings;
    }
}
