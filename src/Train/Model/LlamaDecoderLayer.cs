using TorchSharp;
using static TorchSharp.torch;

namespace MusicPile.Train;

/// <summary>Pre-norm decoder block: x + attn(norm(x)), then + mlp(norm(x)).</summary>
internal sealed class LlamaDecoderLayer : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    public LlamaDecoderLayer(LlamaConfig config) : base(nameof(LlamaDecoderLayer))
    {
        InputLayerNorm = new RmsNorm(config.HiddenSize, config.RmsNormEps);
        SelfAttention = new LlamaAttention(config);
        PostAttentionLayerNorm = new RmsNorm(config.HiddenSize, config.RmsNormEps);
        Mlp = new LlamaMlp(config);
        register_module("input_layernorm", InputLayerNorm);
        register_module("self_attn", SelfAttention);
        register_module("post_attention_layernorm", PostAttentionLayerNorm);
        register_module("mlp", Mlp);
    }

    public RmsNorm InputLayerNorm { get; }

    public LlamaAttention SelfAttention { get; }

    public RmsNorm PostAttentionLayerNorm { get; }

    public LlamaMlp Mlp { get; }

    public IEnumerable<ProjectionLinear> Projections =>
    [
        SelfAttention.QProj, SelfAttention.KProj, SelfAttention.VProj, SelfAttention.OProj,
        Mlp.GateProj, Mlp.UpProj, Mlp.DownProj,
    ];

    public override Tensor forward(Tensor hidden, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        var afterAttention = hidden + SelfAttention.forward(InputLayerNorm.forward(hidden), cos, sin);
        return FeedForward(afterAttention).MoveToOuterDisposeScope();
    }

    /// <summary>The block for new tokens that also attend to, and are added to, layer <paramref name="index"/> of the cache.</summary>
    public Tensor forward(Tensor hidden, Tensor cos, Tensor sin, KvCache cache, int index)
    {
        using var scope = NewDisposeScope();
        var afterAttention = hidden + SelfAttention.forward(InputLayerNorm.forward(hidden), cos, sin, cache, index);
        return FeedForward(afterAttention).MoveToOuterDisposeScope();
    }

    private Tensor FeedForward(Tensor afterAttention) =>
        afterAttention + Mlp.forward(PostAttentionLayerNorm.forward(afterAttention));
}
