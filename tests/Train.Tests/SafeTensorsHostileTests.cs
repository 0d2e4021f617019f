using System.Text;

namespace MusicPile.Train.Tests;

/// <summary>Crafted safetensors headers are refused on open, with the reason, before anything is sized by them.</summary>
public sealed class SafeTensorsHostileTests
{
    [Theory]
    [InlineData("[4294967296, 4294967296]", 0, 0, "more elements than any file can hold")]
    [InlineData("[4294967296, 4294967296, 4]", 0, 0, "more elements than any file can hold")]
    [InlineData("[-1, -4]", 0, 16, "negative dimension")]
    [InlineData("[-2, 2]", 0, 0, "negative dimension")]
    [InlineData("[2, 2]", 0, 12, "12 bytes for shape [2, 2]")]
    [InlineData("[2, 2]", 8, 24, "fall outside the data section")]
    [InlineData("[2, 2]", -16, 0, "fall outside the data section")]
    [InlineData("[9223372036854775807, 2]", 0, 16, "more elements than any file can hold")]
    public void A_hostile_shape_or_span_is_refused_on_open(string shape, long begin, long end, string reason)
    {
        var path = Write($"{{\"w\":{{\"dtype\":\"F32\",\"shape\":{shape},\"data_offsets\":[{begin},{end}]}}}}", dataBytes: 16);
        var e = Assert.Throws<TrainFormatException>(() => SafeTensorsReader.Open(path));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[18446744073709551616],\"data_offsets\":[0,16]}}")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}")]
    [InlineData("{\"w\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}}")]
    [InlineData("{\"w\":[1,2,3]}")]
    [InlineData("[]")]
    public void A_malformed_header_is_refused_on_open(string header)
    {
        var path = Write(header, dataBytes: 16);
        Assert.Throws<TrainFormatException>(() => SafeTensorsReader.Open(path));
    }

    [Fact]
    public void A_well_formed_file_still_opens()
    {
        var path = Write("{\"w\":{\"dtype\":\"F32\",\"shape\":[2, 2],\"data_offsets\":[0,16]},\"e\":{\"dtype\":\"F16\",\"shape\":[0, 5],\"data_offsets\":[16,16]}}", dataBytes: 16);
        using var reader = SafeTensorsReader.Open(path);
        using var w = reader.Read("w");
        Assert.Equal([2L, 2], w.shape);
        using var e = reader.Read("e");
        Assert.Equal(0, e.numel());
    }

    private static string Write(string json, int dataBytes)
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "hostile.safetensors");
        var header = Encoding.UTF8.GetBytes(json);
        File.WriteAllBytes(path, [.. BitConverter.GetBytes((ulong)header.Length), .. header, .. new byte[dataBytes]]);
        return path;
    }
}
