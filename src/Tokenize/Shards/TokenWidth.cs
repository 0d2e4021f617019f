using System.Buffers.Binary;

namespace MusicPile.Tokenize;

/// <summary>Packs token ids little-endian at 2 or 4 bytes each.</summary>
internal static class TokenWidth
{
    /// <summary>Encodes <paramref name="tokens"/> into <paramref name="destination"/>, which must hold tokens × width bytes.</summary>
    public static void Pack(ReadOnlySpan<int> tokens, int width, Span<byte> destination)
    {
        if (width == 2)
        {
            for (var i = 0; i < tokens.Length; i++)
            {
                var token = tokens[i];
                if ((uint)token > ushort.MaxValue)
                    throw new ArgumentOutOfRangeException(nameof(tokens), token, "token id does not fit in uint16");
                BinaryPrimitives.WriteUInt16LittleEndian(destination[(2 * i)..], (ushort)token);
            }
        }
        else
        {
            for (var i = 0; i < tokens.Length; i++)
            {
                if (tokens[i] < 0)
                    throw new ArgumentOutOfRangeException(nameof(tokens), tokens[i], "token id is negative");
                BinaryPrimitives.WriteInt32LittleEndian(destination[(4 * i)..], tokens[i]);
            }
        }
    }

    /// <summary>Decodes little-endian ids of <paramref name="width"/> bytes (uint16, or int32/uint32 below 2^31).</summary>
    public static void Unpack(ReadOnlySpan<byte> source, int width, Span<int> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = width == 2
                ? BinaryPrimitives.ReadUInt16LittleEndian(source[(2 * i)..])
                : BinaryPrimitives.ReadInt32LittleEndian(source[(4 * i)..]);
        }
    }

    /// <summary>Writes tokens to <paramref name="stream"/> through a pooled buffer.</summary>
    public static async ValueTask WriteAsync(Stream stream, ReadOnlyMemory<int> tokens, int width, CancellationToken cancellationToken)
    {
        const int chunk = 16384;
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(chunk * width);
        try
        {
            for (var start = 0; start < tokens.Length; start += chunk)
            {
                var part = tokens.Span.Slice(start, Math.Min(chunk, tokens.Length - start));
                Pack(part, width, buffer);
                await stream.WriteAsync(buffer.AsMemory(0, part.Length * width), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
