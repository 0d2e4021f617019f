using static TorchSharp.torch;

namespace MusicPile.Serve.Inference;

/// <summary>
/// Keys and values of every layer for one sequence, preallocated as [1, kvHeads, capacity, headDim] so each step writes
/// one slice instead of growing tensors.
/// </summary>
internal sealed class KvCache : IDisposable
{
    private readonly Tensor[] _keys;
    private readonly Tensor[] _values;

    public KvCache(int layers, int kvHeads, int headDim, int capacity, Device device, ScalarType dtype)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _keys = new Tensor[layers];
        _values = new Tensor[layers];
        for (var i = 0; i < layers; i++)
        {
            _keys[i] = zeros([1, kvHeads, capacity, headDim], dtype, device);
            _values[i] = zeros([1, kvHeads, capacity, headDim], dtype, device);
        }
    }

    /// <summary>Positions the cache can hold.</summary>
    public int Capacity { get; }

    /// <summary>Stores keys and values [1, kvHeads, T, headDim] of <paramref name="layer"/> at positions start..start+T-1 and returns views of all positions 0..start+T-1.</summary>
    public (Tensor Keys, Tensor Values) Append(int layer, int start, Tensor keys, Tensor values)
    {
        var length = (int)keys.shape[2];
        if (start + length > Capacity)
            throw new InvalidOperationException($"KV cache holds {Capacity} positions; {start + length} needed");
        _keys[layer].narrow(2, start, length).copy_(keys);
        _values[layer].narrow(2, start, length).copy_(values);
        return (_keys[layer].narrow(2, 0, start + length), _values[layer].narrow(2, 0, start + length));
    }

    public void Dispose()
    {
        foreach (var t in _keys) t.Dispose();
        foreach (var t in _values) t.Dispose();
    }
}
