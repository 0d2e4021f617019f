using MusicPile.Core;
using TorchSharp;

namespace MusicPile.Train.Tests;

public sealed class ComputeTargetTests
{
    [Theory]
    [InlineData("auto", ComputeDevice.Auto)]
    [InlineData("cpu", ComputeDevice.Cpu)]
    [InlineData("CUDA", ComputeDevice.Cuda)]
    [InlineData(" cpu ", ComputeDevice.Cpu)]
    public void DeviceNamesParse(string name, ComputeDevice expected)
    {
        Assert.Equal(expected, ComputeTarget.ParseDevice(name));
        Assert.Equal(expected, ComputeTarget.ParseDevice(ComputeTarget.DeviceName(expected)));
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:0")]
    [InlineData("")]
    public void UnknownDeviceIsAUsageErrorNamingTheChoices(string name)
    {
        var e = Assert.Throws<MusicPileException>(() => ComputeTarget.ParseDevice(name));
        Assert.True(e.IsUsage);
        Assert.Contains("auto, cpu, cuda", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AutoPicksCudaOnlyWhenAvailableAndCudaWithoutAGpuIsAClearError()
    {
        Assert.Equal(DeviceType.CUDA, ComputeTarget.ResolveDeviceType(ComputeDevice.Auto, cudaAvailable: true));
        Assert.Equal(DeviceType.CPU, ComputeTarget.ResolveDeviceType(ComputeDevice.Auto, cudaAvailable: false));
        Assert.Equal(DeviceType.CPU, ComputeTarget.ResolveDeviceType(ComputeDevice.Cpu, cudaAvailable: true));
        Assert.Equal(DeviceType.CUDA, ComputeTarget.ResolveDeviceType(ComputeDevice.Cuda, cudaAvailable: true));
        var e = Assert.Throws<MusicPileException>(() => ComputeTarget.ResolveDeviceType(ComputeDevice.Cuda, cudaAvailable: false));
        Assert.True(e.IsUsage);
        Assert.Contains("no GPU", e.Message, StringComparison.Ordinal);
        Assert.Equal(torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU, ComputeTarget.ResolveDevice(ComputeDevice.Auto).type);
        if (!torch.cuda.is_available())
            Assert.Throws<MusicPileException>(() => ComputeTarget.ResolveDevice(ComputeDevice.Cuda));
    }

    [Fact]
    public void TrainingRecipeReadsTheDeviceWithTheSameParser()
    {
        var dir = TestPaths.NewTempDir("musicpile-device");
        var recipe = Path.Combine(dir, "train.yaml");
        File.WriteAllText(recipe, "train:\n  device: cpu\n");
        Assert.Equal(ComputeDevice.Cpu, Jobs.TrainRecipe.Load(recipe).Trainer.Device);
        File.WriteAllText(recipe, "train:\n  device: tpu\n");
        Assert.Throws<MusicPileException>(() => Jobs.TrainRecipe.Load(recipe));
        Assert.Equal(ComputeDevice.Auto, new TrainConfig().Device);
    }
}
