using System.Runtime.InteropServices;

namespace MusicPile.Train;

/// <summary>Writes token files in the layouts <see cref="TokenFile"/> reads (for tests, tools and benchmarks).</summary>
public static class TokenFileWriter
{
    /// <summary>Writes raw little-endian uint16 tokens (nanoGPT <c>train.bin</c>/<c>val.bin</c>).</summary>
    public static void WriteNanoGpt(string path, ReadOnlySpan<ushort> tokens)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        stream.Write(MemoryMarshal.AsBytes(tokens));
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Writes an llm.c uint16 shard: int32[256] header (magic, version 1, count), then the tokens.</summary>
    public static void WriteLlmcShard(string path, ReadOnlySpan<ushort> tokens)
    {
        var header = new int[256];
        header[0] = TokenFile.LlmcMagic;
        header[1] = 1;
        header[2] = tokens.Length;
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        stream.Write(MemoryMarshal.AsBytes(header.AsSpan()));
        stream.Write(MemoryMarshal.AsBytes(tokens));
        stream.Flush(flushToDisk: true);
    }
}
