namespace MusicPile.Train;

/// <summary>
/// The device a training run or a server asks for, as written in configs and on the command line
/// (<c>auto</c>, <c>cpu</c>, <c>cuda</c>); <see cref="ComputeTarget.ParseDevice"/> reads it and
/// <see cref="ComputeTarget.ResolveDevice(ComputeDevice)"/> turns it into a torch device.
/// </summary>
public enum ComputeDevice
{
    /// <summary>CUDA when torch sees a GPU, else the CPU.</summary>
    Auto,

    /// <summary>The CPU.</summary>
    Cpu,

    /// <summary>The first CUDA GPU; an error when torch sees none.</summary>
    Cuda,
}
