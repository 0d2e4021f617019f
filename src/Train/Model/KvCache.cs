using static TorchSharp.torch;

namespace MusicPile.Train;

/// <summary>
/// Keys and values of every layer for a batch of sequences that grow together, preallocated as
/// [batch, kvHeads, capacity, headDim] so each step writes one slice instead of concatenating, plus the rotary tables
/// for all its positions. Made by <see cref="LlamaForCausalLM.CreateKvCache"/> on the model's device and dtype.
/// </summary>
public sealed class KvCache : IDisposable
{
    private readonly Tensor[] _keys;
    private readonly Tensor[] _values;

    internal KvCache(LlamaConfig config, int batch, int capacity, Device device, ScalarType dtype)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Batch = batch;
        Capacity = capacity;
        Device = device;
        DType = dtype;
        _keys = new Tensor[config.NumHiddenLayers];
        _values = new Tensor[config.NumHiddenLayers];
        // The cache outlives whatever dispose scope its creator is in.
        for (var i = 0; i < _keys.Length; i++)
        {
            _keys[i] = zeros([batch, config.NumKeyValueHeads, capacity, config.HeadDim], dtype, device).DetachFromDisposeScope();
            _values[i] = zeros([batch, config.NumKeyValueHeads, capacity, config.HeadDim], dtype, device).DetachFromDisposeScope();
        }
        var (cos, sin) = RotaryEmbedding.Tables(capacity, config.HeadDim, config.RopeTheta, device, dtype);
        Cos = cos.DetachFromDisposeScope();
        Sin = sin.DetachFromDisposeScope();
    }

    /// <summary>Sequences decoded side by side.</summary>
    public int Batch { get; }

    /// <summary>Positions the cache can hold.</summary>
    public int Capacity { get; }

    /// <summary>Positions filled so far; the next token's position.</summary>
    public int Length { get; private set; }

    /// <summary>Where the keys and values live.</summary>
    public Device Device { get; }

    /// <summary>Their element type.</summary>
    public ScalarType DType { get; }

    /// <summary>Rotary cosines [capacity, headDim].</summary>
    internal Tensor Cos { get; }

    /// <summary>Rotary sines [capacity, headDim].</summary>
    internal Tensor Sin { get; }

    /// <summary>Forgets every position, so the cache can serve a new sequence of the same batch size.</summary>
    public void Clear() => Length = 0;

    /// <summary>Throws unless <paramref name="count"/> more positions fit.</summary>
    internal void EnsureRoom(long count)
    {
        if (Length + count > Capacity)
            throw new InvalidOperationException($"the KV cache holds {Capacity} positions; {Length + count} needed");
    }

    /// <summary>
    /// Stores keys and values [batch, kvHeads, T, headDim] of <paramref name="layer"/> at positions Length..Length+T-1
    /// and returns views of positions 0..Length+T-1. <see cref="Advance"/> moves Length once every layer has written.
    /// </summary>
    internal (Tensor Keys, Tensor Values) Append(int layer, Tensor keys, Tensor values)
    {
        var count = keys.shape[2];
        EnsureRoom(count);
        using (var k = _keys[layer].narrow(2, Length, count))
            k.copy_(keys);
        using (var v = _values[layer].narrow(2, Length, count))
            v.copy_(values);
        return (_keys[layer].narrow(2, 0, Length + count), _values[layer].narrow(2, 0, Length + count));
    }

    /// <summary>Marks <paramref name="count"/> more positions as filled.</summary>
    internal void Advance(long count)
    {
        EnsureRoom(count);
        Length += (int)count;
    }

    /// <summary>Frees the cached tensors.</summary>
    public void Dispose()
    {
        foreach (var t in _keys) t.Dispose();
        foreach (var t in _values) t.Dispose();
        Cos.Dispose();
        Sin.Dispose();
    }
}
