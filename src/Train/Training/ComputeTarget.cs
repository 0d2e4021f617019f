using TorchSharp;
using static TorchSharp.torch;

namespace MusicPile.Train;

/// <summary>Where and in which precision a run computes, resolved from the config at run time.</summary>
internal sealed record ComputeTarget(Device Device, ScalarType DType, double PeakFlops)
{
    public static ComputeTarget Resolve(TrainConfig config)
    {
        if (config.Threads > 0) set_num_threads(config.Threads);
        var useCuda = config.Device switch
        {
            "cuda" => cuda.is_available() ? true : throw new InvalidOperationException("device cuda was asked for but torch sees no GPU (is the libtorch-cuda package referenced?)"),
            "cpu" => false,
            _ => cuda.is_available(),
        };
        var device = useCuda ? CUDA : CPU;
        var dtype = config.DType == "auto"
            ? useCuda ? ScalarType.BFloat16 : ScalarType.Float32
            : SafeTensorDTypes.Parse(config.DType);
        var peak = config.PeakFlops ?? (useCuda ? FlopsEstimate.CudaH100Bf16Peak : FlopsEstimate.CpuPeakPerThread * get_num_threads());
        return new ComputeTarget(device, dtype, peak);
    }
}
