using System.Text.Json;
using static TorchSharp.torch;

namespace MusicPile.Train;

/// <summary>Writes safetensors files (F32, F16, BF16), tensors in name order, header padded to 8 bytes.</summary>
public static class SafeTensorsWriter
{
    /// <summary>Writes the tensors (any device; converted to contiguous CPU copies) and flushes the file to disk.</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var ordered = tensors.OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        var header = BuildHeader(ordered, metadata);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        Span<byte> length = stackalloc byte[8];
        BitConverter.TryWriteBytes(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        foreach (var (_, tensor) in ordered)
        {
            using var scope = NewDisposeScope();
            var cpu = tensor.detach().to(CPU).contiguous();
            stream.Write(cpu.bytes);
        }
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Bytes the data section of a tensor takes.</summary>
    public static long ByteLength(Tensor tensor) => tensor.numel() * SafeTensorDTypes.ElementSize(SafeTensorDTypes.ToCode(tensor.dtype));

    private static byte[] BuildHeader(IReadOnlyList<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
                    json.WriteString(key, value);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, tensor) in tensors)
            {
                var size = ByteLength(tensor);
                json.WriteStartObject(name);
                json.WriteString("dtype", SafeTensorDTypes.ToCode(tensor.dtype));
                json.WriteStartArray("shape");
                foreach (var dim in tensor.shape) json.WriteNumberValue(dim);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + size);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += size;
            }
            json.WriteEndObject();
        }
        var padded = (buffer.Length + 7) / 8 * 8;
        while (buffer.Length < padded) buffer.WriteByte((byte)' ');
        return buffer.ToArray();
    }
}
