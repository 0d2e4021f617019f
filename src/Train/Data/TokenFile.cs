using System.Buffers;
using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using MusicPile.Tokenize;

namespace MusicPile.Train;

/// <summary>
/// A memory-mapped token file (nanoGPT raw uint16, llm.c shard, or Megatron <c>.bin</c> with its <c>.idx</c> beside it)
/// whose header is checked on open.
/// </summary>
public sealed class TokenFile : ITokenSource, IDisposable
{
    /// <summary>Magic number of llm.c uint16 shards.</summary>
    public const int LlmcMagic = 20240520;

    /// <summary>Magic number of llm.c uint32 shards.</summary>
    public const int LlmcMagicUInt32 = 20240801;

    /// <summary>Bytes of an llm.c header (256 int32).</summary>
    public const int LlmcHeaderBytes = 1024;

    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly long _dataOffset;
    private readonly int _tokenBytes;

    private TokenFile(string path, TokenFileFormat format, long dataOffset, long length)
    {
        Path = path;
        Format = format;
        _dataOffset = dataOffset;
        _tokenBytes = format is TokenFileFormat.LlmcShardUInt32 or TokenFileFormat.MegatronInt32 ? 4 : 2;
        Length = length;
        _map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        _view = _map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>Its layout.</summary>
    public TokenFileFormat Format { get; }

    /// <inheritdoc/>
    public long Length { get; }

    /// <summary>
    /// Opens a file, telling an llm.c shard by its header and a Megatron <c>.bin</c> by the <c>.idx</c> beside it, and
    /// treating anything else as nanoGPT raw uint16.
    /// </summary>
    public static TokenFile Open(string path) =>
        LooksLikeLlmcShard(path) ? OpenLlmcShard(path)
        : MegatronIndexOf(path) is { } idx ? OpenMegatron(path, idx)
        : OpenNanoGpt(path);

    /// <summary>Opens a nanoGPT raw uint16 file; it must hold a whole, non-zero number of tokens.</summary>
    public static TokenFile OpenNanoGpt(string path)
    {
        var size = new FileInfo(path).Length;
        if (size == 0 || size % 2 != 0)
            throw new TrainFormatException($"{path}: {size} bytes is not a whole, non-empty run of uint16 tokens");
        return new TokenFile(path, TokenFileFormat.NanoGpt, 0, size / 2);
    }

    /// <summary>Opens an llm.c shard after checking magic, version and that the token count matches the file size.</summary>
    public static TokenFile OpenLlmcShard(string path)
    {
        var size = new FileInfo(path).Length;
        if (size < LlmcHeaderBytes)
            throw new TrainFormatException($"{path}: {size} bytes is shorter than the llm.c header");
        var header = ReadHeader(path);
        var (format, tokenBytes) = (header[0], header[1]) switch
        {
            (LlmcMagic, 1) => (TokenFileFormat.LlmcShard, 2),
            (LlmcMagicUInt32, 7) => (TokenFileFormat.LlmcShardUInt32, 4),
            _ => throw new TrainFormatException($"{path}: llm.c header magic {header[0]} version {header[1]} is not {LlmcMagic}/1 or {LlmcMagicUInt32}/7"),
        };
        long count = header[2];
        if (count <= 0 || LlmcHeaderBytes + count * tokenBytes != size)
            throw new TrainFormatException($"{path}: header says {count} tokens but the file holds {(size - LlmcHeaderBytes) / (double)tokenBytes}");
        return new TokenFile(path, format, LlmcHeaderBytes, count);
    }

    /// <summary>Opens a Megatron <c>.bin</c>, taking the token width from the dtype in the <c>.idx</c> header.</summary>
    public static TokenFile OpenMegatron(string binPath, string idxPath)
    {
        var header = new byte[MegatronFormat.HeaderBytes];
        using (var stream = File.OpenRead(idxPath))
        {
            if (stream.Length < header.Length)
                throw new TrainFormatException($"{idxPath}: shorter than a Megatron index header");
            stream.ReadExactly(header);
        }
        int width;
        try
        {
            width = MegatronFormat.WidthOf(header[17]);
        }
        catch (InvalidDataException e)
        {
            throw new TrainFormatException($"{idxPath}: {e.Message}");
        }
        var size = new FileInfo(binPath).Length;
        if (size == 0 || size % width != 0)
            throw new TrainFormatException($"{binPath}: {size} bytes is not a whole, non-empty run of {width}-byte tokens");
        return new TokenFile(binPath, width == 2 ? TokenFileFormat.Megatron : TokenFileFormat.MegatronInt32, 0, size / width);
    }

    /// <inheritdoc/>
    public void Read(long start, Span<long> destination)
    {
        if (start < 0 || start + destination.Length > Length)
            throw new ArgumentOutOfRangeException(nameof(start), $"tokens [{start}, {start + destination.Length}) exceed {Length}");
        var raw = ArrayPool<byte>.Shared.Rent(destination.Length * _tokenBytes);
        try
        {
            var byteCount = destination.Length * _tokenBytes;
            _view.ReadArray(_dataOffset + start * _tokenBytes, raw, 0, byteCount);
            if (_tokenBytes == 2)
            {
                var tokens = MemoryMarshal.Cast<byte, ushort>(raw.AsSpan(0, byteCount));
                for (var i = 0; i < tokens.Length; i++) destination[i] = tokens[i];
            }
            else
            {
                var tokens = MemoryMarshal.Cast<byte, uint>(raw.AsSpan(0, byteCount));
                for (var i = 0; i < tokens.Length; i++) destination[i] = tokens[i];
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    /// <summary>Unmaps the file.</summary>
    public void Dispose()
    {
        _view.Dispose();
        _map.Dispose();
    }

    private static bool LooksLikeLlmcShard(string path)
    {
        if (new FileInfo(path).Length < LlmcHeaderBytes) return false;
        var magic = ReadHeader(path)[0];
        return magic is LlmcMagic or LlmcMagicUInt32;
    }

    private static string? MegatronIndexOf(string path)
    {
        if (!path.EndsWith(".bin", StringComparison.Ordinal))
            return null;
        var idx = System.IO.Path.ChangeExtension(path, ".idx");
        if (!File.Exists(idx) || new FileInfo(idx).Length < MegatronFormat.HeaderBytes)
            return null;
        var magic = new byte[MegatronFormat.Magic.Length];
        using var stream = File.OpenRead(idx);
        stream.ReadExactly(magic);
        return magic.AsSpan().SequenceEqual(MegatronFormat.Magic) ? idx : null;
    }

    private static int[] ReadHeader(string path)
    {
        var bytes = new byte[LlmcHeaderBytes];
        using var stream = File.OpenRead(path);
        stream.ReadExactly(bytes);
        return MemoryMarshal.Cast<byte, int>(bytes).ToArray();
    }
}
