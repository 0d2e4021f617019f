using TorchSharp;
using static TorchSharp.torch;

namespace MusicPile.Train;

/// <summary>Rotary position embedding in the "rotate half" layout used by Hugging Face LLaMA files.</summary>
internal static class RotaryEmbedding
{
    /// <summary>Cosine and sine tables of shape [T, headDim] for positions 0..T-1.</summary>
    public static (Tensor Cos, Tensor Sin) Tables(long length, long headDim, double theta, Device device, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var exponents = arange(0, headDim, 2, ScalarType.Int64, device).to(ScalarType.Float32) / headDim;
        var inverseFrequency = pow(theta, exponents).reciprocal();
        var positions = arange(0, length, 1, ScalarType.Int64, device).to(ScalarType.Float32);
        var angles = outer(positions, inverseFrequency);
        var doubled = cat([angles, angles], -1);
        var cos = doubled.cos().to(dtype);
        var sin = doubled.sin().to(dtype);
        return (cos.MoveToOuterDisposeScope(), sin.MoveToOuterDisposeScope());
    }

    /// <summary>Applies the rotation to x of shape [B, heads, T, headDim].</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        var half = x.shape[^1] / 2;
        var first = x.narrow(-1, 0, half);
        var second = x.narrow(-1, half, half);
        var rotated = cat([second.neg(), first], -1);
        return (x * cos + rotated * sin).MoveToOuterDisposeScope();
    }
}
