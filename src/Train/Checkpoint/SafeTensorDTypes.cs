using static TorchSharp.torch;

namespace MusicPile.Train;

/// <summary>The safetensors dtype codes this project reads and writes, and their torch types.</summary>
internal static class SafeTensorDTypes
{
    public static ScalarType ToScalarType(string code, string file) => code switch
    {
        "F32" => ScalarType.Float32,
        "F16" => ScalarType.Float16,
        "BF16" => ScalarType.BFloat16,
        _ => throw new TrainFormatException($"{file}: unsupported safetensors dtype '{code}' (F32, F16, BF16 are supported)"),
    };

    public static string ToCode(ScalarType type) => type switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        _ => throw new ArgumentException($"cannot write {type} to safetensors (F32, F16, BF16 are supported)"),
    };

    public static int ElementSize(string code) => code == "F32" ? 4 : 2;

    /// <summary>Parses the names used in configs: f32/float32, f16/float16, bf16/bfloat16.</summary>
    public static ScalarType Parse(string name) => name.ToLowerInvariant() switch
    {
        "f32" or "float32" or "fp32" => ScalarType.Float32,
        "f16" or "float16" or "fp16" => ScalarType.Float16,
        "bf16" or "bfloat16" => ScalarType.BFloat16,
        _ => throw new ArgumentException($"unknown dtype '{name}' (f32, f16, bf16)"),
    };
}
