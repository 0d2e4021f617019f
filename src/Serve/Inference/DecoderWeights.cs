using MusicPile.Train;
using static TorchSharp.torch;

namespace MusicPile.Serve.Inference;

/// <summary>
/// The tensors of a <see cref="LlamaForCausalLM"/> by role, looked up through their Hugging Face names so decoding
/// needs nothing but the model's public parameters. Adapters, when present, are merged into owned copies.
/// </summary>
internal sealed class DecoderWeights : IDisposable
{
    private readonly List<Tensor> _owned = [];

    public DecoderWeights(LlamaForCausalLM model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Config = model.Config;
        Dictionary<string, Tensor> byName;
        if (model.Lora is null)
            byName = model.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter, StringComparer.Ordinal);
        else
        {
            var device = model.parameters().First().device;
            byName = model.ExportWeights().ToDictionary(p => p.Key, p =>
            {
                var moved = p.Value.to(device);
                if (!ReferenceEquals(moved, p.Value)) p.Value.Dispose();
                _owned.Add(moved);
                return moved;
            }, StringComparer.Ordinal);
        }
        Tensor Get(string name) => byName.TryGetValue(name, out var t) ? t : throw new InvalidDataException($"model has no weight '{name}'");
        EmbedTokens = Get("model.embed_tokens.weight");
        FinalNorm = Get("model.norm.weight");
        Head = Config.TieWordEmbeddings ? EmbedTokens : Get("lm_head.weight");
        Layers = Enumerable.Range(0, Config.NumHiddenLayers).Select(i =>
        {
            var p = $"model.layers.{i}.";
            return new LayerWeights(
                Get(p + "input_layernorm.weight"), Get(p + "self_attn.q_proj.weight"), Get(p + "self_attn.k_proj.weight"),
                Get(p + "self_attn.v_proj.weight"), Get(p + "self_attn.o_proj.weight"), Get(p + "post_attention_layernorm.weight"),
                Get(p + "mlp.gate_proj.weight"), Get(p + "mlp.up_proj.weight"), Get(p + "mlp.down_proj.weight"));
        }).ToArray();
    }

    public LlamaConfig Config { get; }

    public Tensor EmbedTokens { get; }

    public Tensor FinalNorm { get; }

    public Tensor Head { get; }

    public IReadOnlyList<LayerWeights> Layers { get; }

    public Device Device => EmbedTokens.device;

    public ScalarType DType => EmbedTokens.dtype;

    public void Dispose()
    {
        foreach (var t in _owned) t.Dispose();
        _owned.Clear();
    }

    /// <summary>One decoder layer's tensors; linear weights are [out, in].</summary>
    internal sealed record LayerWeights(
        Tensor InputNorm, Tensor Q, Tensor K, Tensor V, Tensor O, Tensor PostNorm, Tensor Gate, Tensor Up, Tensor Down);
}
