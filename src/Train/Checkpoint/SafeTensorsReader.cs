using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace MusicPile.Train;

/// <summary>
/// Reads a safetensors file: u64 little-endian header length, a JSON header
/// <c>{name: {dtype, shape, data_offsets}}</c> with optional <c>__metadata__</c>, then raw
/// little-endian data. The header is checked on open; tensors are read one at a time.
/// </summary>
public sealed class SafeTensorsReader : IDisposable
{
    private const long MaxHeaderBytes = 100L << 20;
    private readonly FileStream _stream;
    private readonly long _dataStart;

    private SafeTensorsReader(string path, FileStream stream, long dataStart, IReadOnlyDictionary<string, SafeTensorInfo> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        Path = path;
        _stream = stream;
        _dataStart = dataStart;
        Tensors = tensors;
        Metadata = metadata;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>Header entries by tensor name.</summary>
    public IReadOnlyDictionary<string, SafeTensorInfo> Tensors { get; }

    /// <summary>The <c>__metadata__</c> string map (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Opens the file and validates its header against the file size.</summary>
    public static SafeTensorsReader Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
        try
        {
            Span<byte> lengthBytes = stackalloc byte[8];
            if (stream.Length < 8 || RandomAccess.Read(stream.SafeFileHandle, lengthBytes, 0) != 8)
                throw new TrainFormatException($"{path}: too short for a safetensors header");
            var headerLength = BitConverter.ToInt64(lengthBytes);
            if (headerLength <= 0 || headerLength > MaxHeaderBytes || 8 + headerLength > stream.Length)
                throw new TrainFormatException($"{path}: header length {headerLength} does not fit the file");
            var header = new byte[headerLength];
            RandomAccess.Read(stream.SafeFileHandle, header, 8);
            var (tensors, metadata) = ParseHeader(path, header, stream.Length - 8 - headerLength);
            return new SafeTensorsReader(path, stream, 8 + headerLength, tensors, metadata);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads one tensor into a new CPU tensor of the stored dtype and shape.</summary>
    public Tensor Read(string name)
    {
        if (!Tensors.TryGetValue(name, out var info))
            throw new TrainFormatException($"{Path}: no tensor named '{name}'");
        var type = SafeTensorDTypes.ToScalarType(info.DType, Path);
        var tensor = empty(info.Shape.ToArray(), type);
        try
        {
            var data = new byte[info.ByteLength];
            var read = RandomAccess.Read(_stream.SafeFileHandle, data, _dataStart + info.Begin);
            if (read != data.Length)
                throw new TrainFormatException($"{Path}: tensor '{name}' is truncated");
            tensor.bytes = data;
            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _stream.Dispose();

    private static (Dictionary<string, SafeTensorInfo>, Dictionary<string, string>) ParseHeader(string path, byte[] header, long dataLength)
    {
        var tensors = new Dictionary<string, SafeTensorInfo>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(header).TrimEnd(' ', '\0'));
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    foreach (var entry in property.Value.EnumerateObject())
                        metadata[entry.Name] = entry.Value.GetString() ?? "";
                    continue;
                }
                var dtype = property.Value.GetProperty("dtype").GetString() ?? "";
                var shape = property.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                var offsets = property.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                if (offsets.Length != 2)
                    throw new TrainFormatException($"{path}: tensor '{property.Name}' needs two data_offsets");
                var info = new SafeTensorInfo(property.Name, dtype, shape, offsets[0], offsets[1]);
                Check(path, info, dataLength);
                tensors[info.Name] = info;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new TrainFormatException($"{path}: malformed safetensors header: {e.Message}", e);
        }
        return (tensors, metadata);
    }

    /// <summary>
    /// Everything a header entry says is checked before anything is sized by it: the dtype, each dimension
    /// (not negative), the element count and byte count (without overflow), which must equal the entry's data span,
    /// and the span, which must lie inside the data section.
    /// </summary>
    private static void Check(string path, SafeTensorInfo info, long dataLength)
    {
        var shape = $"[{string.Join(", ", info.Shape)}]";
        SafeTensorDTypes.ToScalarType(info.DType, path);
        if (info.Shape.Any(d => d < 0))
            throw new TrainFormatException($"{path}: tensor '{info.Name}' has a negative dimension in shape {shape}");
        if (info.Begin < 0 || info.End < info.Begin || info.End > dataLength)
            throw new TrainFormatException($"{path}: tensor '{info.Name}' offsets [{info.Begin}, {info.End}) fall outside the data section ({dataLength} bytes)");
        long bytes;
        try
        {
            bytes = checked(info.ElementCount * SafeTensorDTypes.ElementSize(info.DType));
        }
        catch (OverflowException)
        {
            throw new TrainFormatException($"{path}: tensor '{info.Name}' shape {shape} has more elements than any file can hold");
        }
        if (bytes != info.ByteLength)
            throw new TrainFormatException($"{path}: tensor '{info.Name}' has {info.ByteLength} bytes for shape {shape} of {info.DType} ({bytes} expected)");
    }
}
