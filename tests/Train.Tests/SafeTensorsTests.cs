using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace MusicPile.Train.Tests;

public sealed class SafeTensorsTests
{
    [Fact]
    public void WriterProducesExpectedBytes()
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "golden.safetensors");
        using (var b = tensor(new float[] { 1, -2 }, [2]))
        using (var a = tensor(new float[] { 0.5f }, [1, 1]))
            SafeTensorsWriter.Write(path, [KeyValuePair.Create("b", b), KeyValuePair.Create("a", a)], new Dictionary<string, string> { ["format"] = "pt" });

        var json = "{\"__metadata__\":{\"format\":\"pt\"},\"a\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        var header = Encoding.UTF8.GetBytes(json.PadRight((json.Length + 7) / 8 * 8));
        var expected = BitConverter.GetBytes((ulong)header.Length)
            .Concat(header)
            .Concat(BitConverter.GetBytes(0.5f)).Concat(BitConverter.GetBytes(1f)).Concat(BitConverter.GetBytes(-2f))
            .ToArray();
        Assert.Equal(expected, File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float16)]
    [InlineData(ScalarType.BFloat16)]
    public void RoundTripsEachDType(ScalarType dtype)
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "t.safetensors");
        using var source = arange(0, 24, 1, ScalarType.Float32).reshape(2, 3, 4).div(8).to(dtype);
        SafeTensorsWriter.Write(path, [KeyValuePair.Create("x", source)]);
        using var reader = SafeTensorsReader.Open(path);
        Assert.Equal([2L, 3, 4], reader.Tensors["x"].Shape);
        using var back = reader.Read("x");
        Assert.Equal(dtype, back.dtype);
        Assert.True(source.to(ScalarType.Float32).allclose(back.to(ScalarType.Float32), 0, 0));
    }

    [Fact]
    public void HeaderPointingPastTheDataIsRejected()
    {
        var bytes = KnownCheckpoint.SafeTensorsBytes([KeyValuePair.Create("w", (new long[] { 4 }, new float[] { 1, 2, 3, 4 }))]);
        var path = Path.Combine(TestPaths.NewTempDir(), "short.safetensors");
        File.WriteAllBytes(path, bytes[..^4]);
        var error = Assert.Throws<TrainFormatException>(() => SafeTensorsReader.Open(path).Dispose());
        Assert.Contains("outside the data section", error.Message);
    }
}
