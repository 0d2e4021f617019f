using System.IO.MemoryMappedFiles;

namespace MusicPile.Tokenize;

/// <summary>A read-only memory map over a file region of little-endian tokens of 2 or 4 bytes.</summary>
internal sealed unsafe class MappedTokens : IDisposable
{
    private readonly MemoryMappedFile? _map;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly byte* _start;

    public MappedTokens(string path, long offset, int width)
    {
        Width = width;
        var length = new FileInfo(path).Length - offset;
        if (length < 0 || length % width != 0)
            throw new InvalidDataException($"{path}: {length} token bytes is not a whole number of {width}-byte tokens");
        Count = length / width;
        if (length == 0)
            return;
        _map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        _view = _map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _start = pointer + _view.PointerOffset + offset;
    }

    /// <summary>Bytes per token.</summary>
    public int Width { get; }

    /// <summary>Tokens in the region.</summary>
    public long Count { get; }

    /// <summary>The raw bytes of <paramref name="length"/> tokens from token <paramref name="start"/>.</summary>
    public ReadOnlySpan<byte> Bytes(long start, int length)
    {
        if (start < 0 || length < 0 || start + length > Count)
            throw new ArgumentOutOfRangeException(nameof(start), $"tokens {start}..{start + length} outside 0..{Count}");
        return length == 0 ? [] : new ReadOnlySpan<byte>(_start + start * Width, checked(length * Width));
    }

    /// <summary>Decodes tokens from <paramref name="start"/> into <paramref name="destination"/>.</summary>
    public void Read(long start, Span<int> destination) => TokenWidth.Unpack(Bytes(start, destination.Length), Width, destination);

    /// <summary>Token at <paramref name="index"/>.</summary>
    public int this[long index]
    {
        get
        {
            Span<int> one = stackalloc int[1];
            Read(index, one);
            return one[0];
        }
    }

    /// <summary>
    /// Document spans in a stream delimited by <paramref name="eotId"/>: placed before each document (llm.c) or after
    /// each (nanoGPT). Delimiters are not part of the spans.
    /// </summary>
    public List<(long Start, int Length)> SplitDocuments(int eotId, bool delimiterBefore)
    {
        var documents = new List<(long, int)>();
        long begin = delimiterBefore ? -1 : 0;
        var buffer = new int[65536];
        for (long chunk = 0; chunk < Count; chunk += buffer.Length)
        {
            var part = buffer.AsSpan(0, (int)Math.Min(buffer.Length, Count - chunk));
            Read(chunk, part);
            for (var j = part.IndexOf(eotId); j >= 0; j = NextIndex(part, j + 1, eotId))
            {
                var i = chunk + j;
                if (!delimiterBefore || begin >= 0)
                    documents.Add((begin, (int)(i - begin)));
                begin = i + 1;
            }
        }
        if (delimiterBefore && begin >= 0)
            documents.Add((begin, (int)(Count - begin)));
        else if (!delimiterBefore && begin < Count)
            throw new InvalidDataException("the token stream does not end with the end-of-text id");
        return documents;
    }

    private static int NextIndex(Span<int> tokens, int from, int value)
    {
        var found = tokens[from..].IndexOf(value);
        return found < 0 ? -1 : from + found;
    }

    public void Dispose()
    {
        if (_view is not null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
        }
        _map?.Dispose();
    }
}
