using TorchSharp;
using static TorchSharp.torch;

namespace MusicPile.Train;

/// <summary>Causal grouped-query self-attention with rotary positions, over a whole sequence or through a KV cache.</summary>
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

    private int Groups => _heads / _kvHeads;

    /// <summary>Attention of a whole sequence [B, T, hidden] to itself; cos and sin cover positions 0..T-1.</summary>
    public override Tensor forward(Tensor hidden, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = Project(hidden, cos, sin);
        return OProj.forward(Merge(CausalAttention(q, k, v))).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Attention of new tokens [B, T, hidden] at positions cache.Length.. (cos and sin cover them) to every cached
    /// position and to themselves; their keys and values are written into layer <paramref name="layer"/> of the cache.
    /// </summary>
    public Tensor forward(Tensor hidden, Tensor cos, Tensor sin, KvCache cache, int layer)
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = Project(hidden, cos, sin);
        var start = cache.Length;
        var (keys, values) = cache.Append(layer, k, v);
        // On an empty cache this is the uncached computation, so a prompt's logits equal the full forward's.
        var attended = start == 0 ? CausalAttention(q, keys, values) : GroupedAttention(q, keys, values, start);
        return OProj.forward(Merge(attended)).MoveToOuterDisposeScope();
    }

    private (Tensor Q, Tensor K, Tensor V) Project(Tensor hidden, Tensor cos, Tensor sin)
    {
        var batch = hidden.shape[0];
        var length = hidden.shape[1];
        var q = QProj.forward(hidden).view(batch, length, _heads, _headDim).transpose(1, 2);
        var k = KProj.forward(hidden).view(batch, length, _kvHeads, _headDim).transpose(1, 2);
        var v = VProj.forward(hidden).view(batch, length, _kvHeads, _headDim).transpose(1, 2);
        return (RotaryEmbedding.Apply(q, cos, sin), RotaryEmbedding.Apply(k, cos, sin), v);
    }

    /// <summary>q [B, heads, T, d] against k, v [B, kvHeads, T, d] of the same positions, causally.</summary>
    private Tensor CausalAttention(Tensor q, Tensor k, Tensor v)
    {
        if (_kvHeads != _heads)
        {
            // Query head h reads key/value head h / (heads / kvHeads), as Hugging Face's repeat_kv does.
            k = k.repeat_interleave(Groups, 1);
            v = v.repeat_interleave(Groups, 1);
        }
        return nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true);
    }

    /// <summary>
    /// q [B, heads, T, d] at positions start..start+T-1 against cached k, v [B, kvHeads, start+T, d]. The query heads
    /// that share a key/value head are stacked as rows of one matrix, so the cache is read in place, never repeated.
    /// </summary>
    private Tensor GroupedAttention(Tensor q, Tensor keys, Tensor values, int start)
    {
        var batch = q.shape[0];
        var length = q.shape[2];
        // Head h = g' * groups + g, so [B, heads, T, d] -> [B, kvHeads, groups * T, d] keeps each row under its kv head.
        var grouped = q.reshape(batch, _kvHeads, Groups * length, _headDim);
        Tensor? mask = null;
        if (length > 1)
        {
            // Row g * T + t is the token at start + t: it sees cached positions up to and including its own.
            var rowPositions = arange(start, start + length, 1, ScalarType.Int64, q.device).repeat(Groups);
            var keyPositions = arange(0, keys.shape[2], 1, ScalarType.Int64, q.device);
            mask = keyPositions.unsqueeze(0).le(rowPositions.unsqueeze(1));
        }
        var attended = nn.functional.scaled_dot_product_attention(grouped, keys, values, attn_mask: mask);
        return attended.reshape(batch, _heads, length, _headDim);
    }

    /// <summary>[B, heads, T, d] -> [B, T, heads * d].</summary>
    private Tensor Merge(Tensor attended)
    {
        var batch = attended.shape[0];
        var length = attended.shape[2];
        return attended.transpose(1, 2).contiguous().view(batch, length, (long)_heads * _headDim);
    }
}
