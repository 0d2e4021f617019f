using System.Buffers.Binary;

namespace MusicPile.Tokenize;

/// <summary>
/// Reads a Megatron indexed dataset: the <c>.idx</c> is checked and loaded on open, the <c>.bin</c> is memory-mapped
/// and each sequence is read in place.
/// </summary>
public sealed class MegatronDataset : IDisposable
{
    private readonly int[] _lengths;
    private readonly long[] _pointers;
    private readonly MappedTokens _tokens;

    private MegatronDataset(int[] lengths, long[] pointers, long[] documentIndex, MappedTokens tokens)
    {
        _lengths = lengths;
        _pointers = pointers;
        DocumentIndex = documentIndex;
        _tokens = tokens;
    }

    /// <summary>Number of sequences (one per document as this project writes them).</summary>
    public int Count => _lengths.Length;

    /// <summary>Bytes per token (2 for uint16, 4 for int32).</summary>
    public int TokenWidth => _tokens.Width;

    /// <summary>Tokens in the <c>.bin</c>.</summary>
    public long TokenCount => _tokens.Count;

    /// <summary>The document index array (sequence numbers where documents start, then the total).</summary>
    public IReadOnlyList<long> DocumentIndex { get; }

    /// <summary>Opens <c>{pathPrefix}.idx</c> and <c>{pathPrefix}.bin</c>, validating magic, version, dtype and sizes.</summary>
    public static MegatronDataset Open(string pathPrefix)
    {
        var idxPath = pathPrefix + ".idx";
        var idx = File.ReadAllBytes(idxPath);
        if (idx.Length < MegatronFormat.HeaderBytes || !idx.AsSpan(0, 9).SequenceEqual(MegatronFormat.Magic))
            throw new InvalidDataException($"{idxPath}: not a Megatron index (bad magic)");
        var version = BinaryPrimitives.ReadUInt64LittleEndian(idx.AsSpan(9));
        if (version != MegatronFormat.Version)
            throw new InvalidDataException($"{idxPath}: index version {version}, expected {MegatronFormat.Version}");
        var width = MegatronFormat.WidthOf(idx[17]);
        var sequences = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(idx.AsSpan(18)));
        var documents = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(idx.AsSpan(26)));
        var expected = MegatronFormat.HeaderBytes + 12L * sequences + 8L * documents;
        if (idx.Length != expected)
            throw new InvalidDataException($"{idxPath}: {idx.Length} bytes, header implies {expected}");

        var lengths = new int[sequences];
        var pointers = new long[sequences];
        var documentIndex = new long[documents];
        var at = MegatronFormat.HeaderBytes;
        for (var i = 0; i < sequences; i++, at += 4)
            lengths[i] = BinaryPrimitives.ReadInt32LittleEndian(idx.AsSpan(at));
        for (var i = 0; i < sequences; i++, at += 8)
            pointers[i] = BinaryPrimitives.ReadInt64LittleEndian(idx.AsSpan(at));
        for (var i = 0; i < documents; i++, at += 8)
            documentIndex[i] = BinaryPrimitives.ReadInt64LittleEndian(idx.AsSpan(at));

        var tokens = new MappedTokens(pathPrefix + ".bin", 0, width);
        var end = sequences == 0 ? 0 : pointers[^1] + (long)lengths[^1] * width;
        if (end != tokens.Count * width)
        {
            tokens.Dispose();
            throw new InvalidDataException($"{pathPrefix}.bin: {tokens.Count * width} bytes, index implies {end}");
        }
        return new MegatronDataset(lengths, pointers, documentIndex, tokens);
    }

    /// <summary>Tokens in sequence <paramref name="index"/>.</summary>
    public int Length(int index) => _lengths[index];

    /// <summary>The little-endian token bytes of sequence <paramref name="index"/>, read in place.</summary>
    public ReadOnlySpan<byte> RawTokens(int index) => _tokens.Bytes(_pointers[index] / TokenWidth, _lengths[index]);

    /// <summary>Decodes sequence <paramref name="index"/> into <paramref name="destination"/> (at least <see cref="Length"/> long).</summary>
    public void Read(int index, Span<int> destination) => _tokens.Read(_pointers[index] / TokenWidth, destination[.._lengths[index]]);

    /// <summary>Sequence <paramref name="index"/> as a new array.</summary>
    public int[] GetTokens(int index)
    {
        var tokens = new int[_lengths[index]];
        Read(index, tokens);
        return tokens;
    }

    /// <inheritdoc/>
    public void Dispose() => _tokens.Dispose();
}
