using static TorchSharp.torch;

namespace MusicPile.Serve.Inference;

/// <summary>
/// Incremental LLaMA decoding with a KV cache: the prompt runs once, then each step runs only the new token through
/// every layer and attends to the cached keys and values. The arithmetic mirrors the training model (RMSNorm in float32,
/// "rotate half" RoPE, grouped-query heads repeated as Hugging Face's repeat_kv), so logits match an uncached forward.
/// </summary>
internal sealed class CachedDecoder : ITokenDecoder
{
    private readonly DecoderWeights _weights;
    private readonly KvCache _cache;
    private readonly Tensor _cos;
    private readonly Tensor _sin;
    private readonly int _heads;
    private readonly int _kvHeads;
    private readonly int _headDim;
    private readonly double _eps;

    public CachedDecoder(DecoderWeights weights, int capacity)
    {
        _weights = weights;
        var config = weights.Config;
        _heads = config.NumAttentionHeads;
        _kvHeads = config.NumKeyValueHeads;
        _headDim = config.HeadDim;
        _eps = config.RmsNormEps;
        _cache = new KvCache(config.NumHiddenLayers, _kvHeads, _headDim, capacity, weights.Device, weights.DType);
        (_cos, _sin) = RopeTables(capacity, _headDim, config.RopeTheta, weights.Device, weights.DType);
    }

    public int Length { get; private set; }

    public float[] Prefill(IReadOnlyList<int> promptIds)
    {
        if (Length != 0) throw new InvalidOperationException("the prompt was already consumed");
        if (promptIds.Count == 0) throw new ArgumentException("the prompt is empty", nameof(promptIds));
        return Run(promptIds.Select(i => (long)i).ToArray());
    }

    public float[] Next(int tokenId) => Run([tokenId]);

    private float[] Run(long[] ids)
    {
        using var guard = no_grad();
        using var scope = NewDisposeScope();
        var start = Length;
        var length = ids.Length;
        if (start + length > _cache.Capacity)
            throw new InvalidOperationException($"the decoder holds {_cache.Capacity} positions; {start + length} needed");
        using var input = tensor(ids, [1, length], ScalarType.Int64).to(_weights.Device);
        var hidden = _weights.EmbedTokens.index_select(0, input.reshape(-1)).unsqueeze(0);
        var cos = _cos.narrow(0, start, length);
        var sin = _sin.narrow(0, start, length);
        for (var i = 0; i < _weights.Layers.Count; i++)
        {
            var layer = _weights.Layers[i];
            var attended = Attention(i, layer, RmsNorm(hidden, layer.InputNorm), cos, sin, start);
            hidden = hidden + attended;
            var normed = RmsNorm(hidden, layer.PostNorm);
            var gated = nn.functional.silu(nn.functional.linear(normed, layer.Gate)) * nn.functional.linear(normed, layer.Up);
            hidden = hidden + nn.functional.linear(gated, layer.Down);
        }
        var last = hidden.narrow(1, length - 1, 1);
        var logits = nn.functional.linear(RmsNorm(last, _weights.FinalNorm), _weights.Head);
        Length = start + length;
        return logits.reshape(-1).to(ScalarType.Float32).cpu().data<float>().ToArray();
    }

    private Tensor Attention(int index, DecoderWeights.LayerWeights layer, Tensor x, Tensor cos, Tensor sin, int start)
    {
        var length = x.shape[1];
        var q = nn.functional.linear(x, layer.Q).view(1, length, _heads, _headDim).transpose(1, 2);
        var k = nn.functional.linear(x, layer.K).view(1, length, _kvHeads, _headDim).transpose(1, 2);
        var v = nn.functional.linear(x, layer.V).view(1, length, _kvHeads, _headDim).transpose(1, 2);
        q = Rotate(q, cos, sin);
        k = Rotate(k, cos, sin);
        var (keys, values) = _cache.Append(index, start, k, v);
        if (_kvHeads != _heads)
        {
            keys = keys.repeat_interleave(_heads / _kvHeads, 1);
            values = values.repeat_interleave(_heads / _kvHeads, 1);
        }
        // A multi-token run only happens on an empty cache, where the plain causal mask is the right one;
        // a single new token may attend to every cached position.
        var attended = nn.functional.scaled_dot_product_attention(q, keys, values, is_casual: length > 1);
        var merged = attended.transpose(1, 2).contiguous().view(1, length, (long)_heads * _headDim);
        return nn.functional.linear(merged, layer.O);
    }

    private Tensor RmsNorm(Tensor input, Tensor weight)
    {
        var x = input.to(ScalarType.Float32);
        var variance = x.pow(2).mean([-1L], keepdim: true);
        var normed = (x * (variance + _eps).rsqrt()).to(input.dtype);
        return weight * normed;
    }

    private static Tensor Rotate(Tensor x, Tensor cos, Tensor sin)
    {
        var half = x.shape[^1] / 2;
        var rotated = cat([x.narrow(-1, half, half).neg(), x.narrow(-1, 0, half)], -1);
        return x * cos + rotated * sin;
    }

    internal static (Tensor Cos, Tensor Sin) RopeTables(long length, long headDim, double theta, Device device, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var exponents = arange(0, headDim, 2, ScalarType.Int64, device).to(ScalarType.Float32) / headDim;
        var inverse = pow(theta, exponents).reciprocal();
        var positions = arange(0, length, 1, ScalarType.Int64, device).to(ScalarType.Float32);
        var angles = outer(positions, inverse);
        var doubled = cat([angles, angles], -1);
        return (doubled.cos().to(dtype).MoveToOuterDisposeScope(), doubled.sin().to(dtype).MoveToOuterDisposeScope());
    }

    public void Dispose()
    {
        _cache.Dispose();
        _cos.Dispose();
        _sin.Dispose();
    }
}
