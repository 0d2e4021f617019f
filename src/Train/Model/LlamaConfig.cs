using System.Text.Json;
using System.Text.Json.Serialization;

namespace MusicPile.Train;

/// <summary>
/// LLaMA architecture settings, named and serialised exactly as the fields of a Hugging Face
/// <c>config.json</c> for <c>LlamaForCausalLM</c>. Defaults describe a tiny 2-layer model.
/// </summary>
public sealed record LlamaConfig
{
    /// <summary>Token vocabulary size. Default 32000 (LLaMA-2).</summary>
    [JsonPropertyName("vocab_size")] public int VocabSize { get; init; } = 32000;

    /// <summary>Width of the residual stream. Default 128.</summary>
    [JsonPropertyName("hidden_size")] public int HiddenSize { get; init; } = 128;

    /// <summary>Width of the SwiGLU hidden layer. Default 352.</summary>
    [JsonPropertyName("intermediate_size")] public int IntermediateSize { get; init; } = 352;

    /// <summary>Decoder layers. Default 2.</summary>
    [JsonPropertyName("num_hidden_layers")] public int NumHiddenLayers { get; init; } = 2;

    /// <summary>Query heads; must divide <see cref="HiddenSize"/>. Default 4.</summary>
    [JsonPropertyName("num_attention_heads")] public int NumAttentionHeads { get; init; } = 4;

    /// <summary>Key/value heads for grouped-query attention; must divide the query heads. Default 4 (plain multi-head).</summary>
    [JsonPropertyName("num_key_value_heads")] public int NumKeyValueHeads { get; init; } = 4;

    /// <summary>RMSNorm epsilon. Default 1e-5 (LLaMA-2).</summary>
    [JsonPropertyName("rms_norm_eps")] public double RmsNormEps { get; init; } = 1e-5;

    /// <summary>RoPE base. Default 10000.</summary>
    [JsonPropertyName("rope_theta")] public double RopeTheta { get; init; } = 10000.0;

    /// <summary>Longest sequence the model is meant for. Default 2048.</summary>
    [JsonPropertyName("max_position_embeddings")] public int MaxPositionEmbeddings { get; init; } = 2048;

    /// <summary>Whether the output head shares the embedding matrix. Default false (as LLaMA-2).</summary>
    [JsonPropertyName("tie_word_embeddings")] public bool TieWordEmbeddings { get; init; }

    /// <summary>Beginning-of-sequence id. Default 1.</summary>
    [JsonPropertyName("bos_token_id")] public int BosTokenId { get; init; } = 1;

    /// <summary>End-of-sequence id. Default 2.</summary>
    [JsonPropertyName("eos_token_id")] public int EosTokenId { get; init; } = 2;

    /// <summary>Standard deviation of the normal initialisation of weights. Default 0.02.</summary>
    [JsonPropertyName("initializer_range")] public double InitializerRange { get; init; } = 0.02;

    /// <summary>Always <c>LlamaForCausalLM</c>; kept so the file is a valid HF config.</summary>
    [JsonPropertyName("architectures")] public IReadOnlyList<string> Architectures { get; init; } = ["LlamaForCausalLM"];

    /// <summary>Always <c>llama</c>.</summary>
    [JsonPropertyName("model_type")] public string ModelType { get; init; } = "llama";

    /// <summary>Activation of the MLP; only <c>silu</c> is supported.</summary>
    [JsonPropertyName("hidden_act")] public string HiddenAct { get; init; } = "silu";

    /// <summary>Per-head width.</summary>
    [JsonIgnore] public int HeadDim => HiddenSize / NumAttentionHeads;

    /// <summary>Throws <see cref="ArgumentException"/> when the settings cannot describe a model.</summary>
    public LlamaConfig Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new ArgumentException("invalid LLaMA config: " + message);
        }
        Require(VocabSize > 0, "vocab_size must be positive");
        Require(HiddenSize > 0 && IntermediateSize > 0 && NumHiddenLayers > 0, "sizes must be positive");
        Require(NumAttentionHeads > 0 && HiddenSize % NumAttentionHeads == 0, "num_attention_heads must divide hidden_size");
        Require(HeadDim % 2 == 0, "head dimension must be even for rotary embeddings");
        Require(NumKeyValueHeads > 0 && NumAttentionHeads % NumKeyValueHeads == 0, "num_key_value_heads must divide num_attention_heads");
        Require(RmsNormEps > 0 && RopeTheta > 0, "rms_norm_eps and rope_theta must be positive");
        Require(MaxPositionEmbeddings > 0, "max_position_embeddings must be positive");
        Require(HiddenAct == "silu", "hidden_act must be silu");
        Require(InitializerRange > 0, "initializer_range must be positive");
        return this;
    }

    /// <summary>Parameters of the model built from this config (the head counted once when tied).</summary>
    public long ParameterCount()
    {
        long h = HiddenSize, kv = (long)NumKeyValueHeads * HeadDim;
        long perLayer = h * h * 2 + h * kv * 2 + 3 * h * IntermediateSize + 2 * h;
        long embed = (long)VocabSize * h;
        return embed + NumHiddenLayers * perLayer + h + (TieWordEmbeddings ? 0 : embed);
    }

    /// <summary>Reads a Hugging Face <c>config.json</c>; unknown fields are ignored.</summary>
    public static LlamaConfig Load(string path)
    {
        using var stream = File.OpenRead(path);
        var config = JsonSerializer.Deserialize<LlamaConfig>(stream, JsonOptions)
            ?? throw new TrainFormatException($"{path}: empty config");
        return config.Validate();
    }

    /// <summary>Writes this config as a Hugging Face <c>config.json</c>.</summary>
    public void Save(string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        JsonSerializer.Serialize(stream, this, JsonOptions);
        stream.Flush(flushToDisk: true);
    }

    internal static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}
