using MusicPile.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace MusicPile.Train;

/// <summary>
/// Where and in which precision a run computes, resolved at run time; also the one reader of device names, shared by
/// training and serving.
/// </summary>
public sealed record ComputeTarget(Device Device, ScalarType DType, double PeakFlops)
{
    /// <summary>The names <see cref="ParseDevice"/> accepts.</summary>
    public static IReadOnlyList<string> DeviceNames { get; } = ["auto", "cpu", "cuda"];

    /// <summary>Reads <c>auto</c>, <c>cpu</c> or <c>cuda</c> (any case); anything else is a usage error naming the choices.</summary>
    public static ComputeDevice ParseDevice(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "auto" => ComputeDevice.Auto,
            "cpu" => ComputeDevice.Cpu,
            "cuda" => ComputeDevice.Cuda,
            _ => throw MusicPileException.Usage($"unknown device '{name}': use {string.Join(", ", DeviceNames)}"),
        };
    }

    /// <summary>The config name of a device choice (<c>auto</c>, <c>cpu</c>, <c>cuda</c>).</summary>
    public static string DeviceName(ComputeDevice device) => DeviceNames[(int)device];

    /// <summary>The torch device for a choice on this machine: auto is CUDA when torch sees a GPU, else the CPU.</summary>
    public static Device ResolveDevice(ComputeDevice device) =>
        ResolveDeviceType(device, cuda.is_available()) == DeviceType.CUDA ? CUDA : CPU;

    /// <summary>The kind of device a choice stands for, given whether a GPU is usable; cuda without one is a usage error.</summary>
    public static DeviceType ResolveDeviceType(ComputeDevice device, bool cudaAvailable) => device switch
    {
        ComputeDevice.Cpu => DeviceType.CPU,
        ComputeDevice.Cuda when cudaAvailable => DeviceType.CUDA,
        ComputeDevice.Cuda => throw MusicPileException.Usage(
            "device cuda was asked for but torch sees no GPU (is the libtorch-cuda package referenced?); use auto or cpu"),
        ComputeDevice.Auto => cudaAvailable ? DeviceType.CUDA : DeviceType.CPU,
        _ => throw new ArgumentOutOfRangeException(nameof(device), device, "unknown device"),
    };

    internal static ComputeTarget Resolve(TrainConfig config)
    {
        if (config.Threads > 0) set_num_threads(config.Threads);
        var device = ResolveDevice(config.Device);
        var useCuda = device.type == DeviceType.CUDA;
        var dtype = config.DType == "auto"
            ? useCuda ? ScalarType.BFloat16 : ScalarType.Float32
            : SafeTensorDTypes.Parse(config.DType);
        var peak = config.PeakFlops ?? (useCuda ? FlopsEstimate.CudaH100Bf16Peak : FlopsEstimate.CpuPeakPerThread * get_num_threads());
        return new ComputeTarget(device, dtype, peak);
    }
}
