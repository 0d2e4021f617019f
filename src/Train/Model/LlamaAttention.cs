using TorchSharp;
using static TorchSharp.torch;

namespace MusicPile.Train;

/// <summary>Causal grouped-query self-attention with rotary positions.</summary>
internal sealed class LlamaAttention : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly int _heads;
    private readonly int _kvHeads;
    private readonly int _headDim;

    public LlamaAttention(LlamaConfig config) : base(nameof(LlamaAttention))
    {
        _heads = config.NumAttentionHeads;
        _kvHeads = config.NumKeyValueHeads;
        _headDim = config.HeadDim;
        long hidden = config.HiddenSize;
        QProj = new ProjectionLinear(hidden, (long)_heads * _headDim);
        KProj = new ProjectionLinear(hidden, (long)_kvHeads * _headDim);
        VProj = new ProjectionLinear(hidden, (long)_kvHeads * _headDim);
        OProj = new ProjectionLinear((long)_heads * _headDim, hidden);
        register_module("q_proj", QProj);
        register_module("k_proj", KProj);
        register_module("v_proj", VProj);
        register_module("o_proj", OProj);
    }

    public ProjectionLinear QProj { get; }

    public ProjectionLinear KProj { get; }

    public ProjectionLinear VProj { get; }

    public ProjectionLinear OProj { get; }

    public override Tensor forward(Tensor hidden, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        var batch = hidden.shape[0];
        var length = hidden.shape[1];
        var q = QProj.forward(hidden).view(batch, length, _heads, _headDim).transpose(1, 2);
        var k = KProj.forward(hidden).view(batch, length, _kvHeads, _headDim).transpose(1, 2);
        var v = VProj.forward(hidden).view(batch, length, _kvHeads, _headDim).transpose(1, 2);
        q = RotaryEmbedding.Apply(q, cos, sin);
        k = RotaryEmbedding.Apply(k, cos, sin);
        if (_kvHeads != _heads)
        {
            // Query head h reads key/value head h / (heads / kvHeads), as Hugging Face's repeat_kv does.
            var groups = _heads / _kvHeads;
            k = k.repeat_interleave(groups, 1);
            v = v.repeat_interleave(groups, 1);
        }
        var attended = nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true);
        var merged = attended.transpose(1, 2).contiguous().view(batch, length, (long)_heads * _headDim);
        return OProj.forward(merged).MoveToOuterDisposeScope();
    }
}
