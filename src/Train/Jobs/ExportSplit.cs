using MusicPile.Core;
using MusicPile.Tokenize;

namespace MusicPile.Train.Jobs;

/// <summary>
/// One split (<c>train</c> or <c>val</c>) of an export: its token files in shard order, read as one stream, and the
/// document boundaries the format keeps (the Megatron <c>.idx</c> document sizes, or the end-of-text tokens of
/// nanoGPT, llm.c and packed Megatron files).
/// </summary>
internal sealed class ExportSplit
{
    private const int Chunk = 1 << 20;
    private readonly List<(string Path, long Offset, long Tokens)> _files = [];
    private readonly ShardFormat _format;
    private readonly bool _packed;

    public ExportSplit(string exportDir, ExportManifest manifest, string split)
    {
        _format = manifest.Format;
        _packed = manifest.SequenceLength is not null;
        foreach (var shard in manifest.Shards.Where(s => s.Split == split && s.Tokens > 0).OrderBy(s => s.Index))
        {
            var bin = shard.Files.Select(f => f.Path).FirstOrDefault(p => p.EndsWith(".bin", StringComparison.Ordinal))
                ?? throw MusicPileException.Usage($"{exportDir}: the manifest's {split} shard {shard.Index} has no .bin file");
            var path = Path.Combine(exportDir, bin);
            if (!File.Exists(path))
                throw MusicPileException.Usage($"{path}: missing from the export");
            using var file = TokenFile.Open(path);
            if (file.Length != shard.Tokens)
                throw MusicPileException.Usage($"{path}: {file.Length} tokens, the export's manifest says {shard.Tokens}");
            _files.Add((path, Tokens, file.Length));
            Tokens += file.Length;
        }
    }

    /// <summary>Tokens in the split.</summary>
    public long Tokens { get; }

    /// <summary>Whether documents are known exactly from an index rather than from end-of-text tokens.</summary>
    public bool IndexedDocuments => _format == ShardFormat.Megatron && !_packed;

    /// <summary>The whole split as token spans.</summary>
    public IReadOnlyList<TokenSpan> All => _files.Select(f => new TokenSpan(f.Path, 0, f.Tokens)).ToList();

    /// <summary>Token spans of the stream range [<paramref name="start"/>, <paramref name="end"/>), cut at file boundaries.</summary>
    public IEnumerable<TokenSpan> Spans(long start, long end)
    {
        foreach (var (path, offset, tokens) in _files)
        {
            var from = Math.Max(start, offset);
            var to = Math.Min(end, offset + tokens);
            if (from < to)
                yield return new TokenSpan(path, from - offset, to - from);
        }
    }

    /// <summary>Lengths of the documents in order, from the Megatron index of each shard (<see cref="IndexedDocuments"/>).</summary>
    public IEnumerable<long> IndexedDocumentLengths()
    {
        foreach (var (path, _, _) in _files)
        {
            using var dataset = MegatronDataset.Open(path[..^".bin".Length]);
            for (var i = 0; i < dataset.Count; i++)
                yield return dataset.Length(i);
        }
    }

    /// <summary>
    /// Lengths of the stretches between end-of-text tokens, in order: each ends with one (nanoGPT, Megatron) or, for
    /// llm.c, starts with one. A document spans one stretch per end-of-text token it holds or is given.
    /// </summary>
    public IEnumerable<long> EndOfTextStretches(int eosId)
    {
        var eosFirst = _format == ShardFormat.Llmc;
        var buffer = new long[Chunk];
        long position = 0, start = 0;
        foreach (var (path, _, tokens) in _files)
        {
            using var file = TokenFile.Open(path);
            for (long at = 0; at < tokens; at += Chunk)
            {
                var count = (int)Math.Min(Chunk, tokens - at);
                file.Read(at, buffer.AsSpan(0, count));
                for (var i = 0; i < count; i++, position++)
                {
                    if (buffer[i] != eosId)
                        continue;
                    var end = eosFirst ? position : position + 1;
                    if (end > start)
                        yield return end - start;
                    start = end;
                }
            }
        }
        if (position > start)
            yield return position - start;
    }
}
