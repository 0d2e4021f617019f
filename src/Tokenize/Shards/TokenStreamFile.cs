using System.Buffers.Binary;

namespace MusicPile.Tokenize;

/// <summary>
/// Reads an llm.c shard (header checked on open) or a nanoGPT <c>.bin</c> (raw uint16), memory-mapped, with the
/// documents found between end-of-text ids.
/// </summary>
public sealed class TokenStreamFile : IDisposable
{
    private readonly MappedTokens _tokens;
    private readonly int _eotId;
    private readonly bool _delimiterBefore;
    private List<(long Start, int Length)>? _documents;

    private TokenStreamFile(MappedTokens tokens, int eotId, bool delimiterBefore)
    {
        _tokens = tokens;
        _eotId = eotId;
        _delimiterBefore = delimiterBefore;
    }

    /// <summary>Tokens in the file, delimiters included.</summary>
    public long TokenCount => _tokens.Count;

    /// <summary>Bytes per token.</summary>
    public int TokenWidth => _tokens.Width;

    /// <summary>Opens an llm.c shard, checking magic, version and that the token count matches the file size.</summary>
    public static TokenStreamFile OpenLlmc(string path, int eotId)
    {
        var header = new byte[LlmcFormat.HeaderBytes];
        using (var stream = File.OpenRead(path))
        {
            if (stream.Length < header.Length)
                throw new InvalidDataException($"{path}: shorter than the llm.c header");
            stream.ReadExactly(header);
        }
        var magic = BinaryPrimitives.ReadInt32LittleEndian(header);
        var version = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4));
        var count = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
        var width = (magic, version) switch
        {
            (LlmcFormat.MagicUInt16, LlmcFormat.VersionUInt16) => 2,
            (LlmcFormat.MagicUInt32, LlmcFormat.VersionUInt32) => 4,
            _ => throw new InvalidDataException($"{path}: not an llm.c shard (magic {magic}, version {version})"),
        };
        var tokens = new MappedTokens(path, LlmcFormat.HeaderBytes, width);
        if (tokens.Count != count)
        {
            tokens.Dispose();
            throw new InvalidDataException($"{path}: header says {count} tokens, file holds {tokens.Count}");
        }
        return new TokenStreamFile(tokens, eotId, delimiterBefore: true);
    }

    /// <summary>Opens a nanoGPT <c>train.bin</c>/<c>val.bin</c>.</summary>
    public static TokenStreamFile OpenNanoGpt(string path, int eotId) => new(new MappedTokens(path, 0, 2), eotId, delimiterBefore: false);

    /// <summary>Document spans (start token, length), delimiters excluded; found by one scan on first use.</summary>
    public IReadOnlyList<(long Start, int Length)> Documents => _documents ??= _tokens.SplitDocuments(_eotId, _delimiterBefore);

    /// <summary>Decodes tokens from <paramref name="start"/> into <paramref name="destination"/>.</summary>
    public void Read(long start, Span<int> destination) => _tokens.Read(start, destination);

    /// <summary>Document <paramref name="index"/> as a new array.</summary>
    public int[] GetDocument(int index)
    {
        var (start, length) = Documents[index];
        var tokens = new int[length];
        Read(start, tokens);
        return tokens;
    }

    /// <inheritdoc/>
    public void Dispose() => _tokens.Dispose();
}
