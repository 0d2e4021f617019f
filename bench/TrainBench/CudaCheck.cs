using TorchSharp;
using static TorchSharp.torch;

/// <summary>Whether TorchSharp can use CUDA here: the native backend it loaded, the GPUs it sees, and a bf16 matmul on one.</summary>
internal static class CudaCheck
{
    /// <summary>Prints what was found; returns 0 when a bf16 matmul ran on the GPU, else 1 with the reason.</summary>
    public static int Run()
    {
        bool available;
        try
        {
            available = cuda.is_available();
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or NotSupportedException)
        {
            Console.WriteLine($"torch.cuda.is_available(): failed to load libtorch: {e.Message}");
            return 1;
        }
        Console.WriteLine($"TorchSharp {typeof(torch).Assembly.GetName().Version}; torch.cuda.is_available(): {available}; cuDNN: {(available && cuda.is_cudnn_available())}");
        if (!available)
        {
            Console.WriteLine("CUDA is not usable from TorchSharp: the libtorch it loaded is the CPU build (package libtorch-cpu-*), "
                + "or the CUDA driver/runtime libraries were not found. Reference TorchSharp-cuda-linux (or libtorch-cuda-12.8-linux-x64) "
                + "instead of the CPU libtorch, or point LD_LIBRARY_PATH at a CUDA build of libtorch 2.10 (see bench/gpu/README.md).");
            return 1;
        }
        Console.WriteLine($"CUDA devices: {cuda.device_count()}");
        using var a = randn(1024, 1024, dtype: ScalarType.BFloat16, device: CUDA);
        using var product = a.matmul(a);
        cuda.synchronize();
        Console.WriteLine($"bf16 matmul on {product.device}: ok (sum {product.to(ScalarType.Float32).sum().item<float>():G4})");
        return 0;
    }
}
