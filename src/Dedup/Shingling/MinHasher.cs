using MusicPile.Dedup.Hashing;

namespace MusicPile.Dedup.Shingling;

/// <summary>
/// MinHash signatures and LSH band buckets. Shingles are n-grams of token hashes; hash function k maps a shingle
/// hash s to Avalanche(s XOR key_k), a bijection per key, and the signature keeps the minimum per function.
/// Thread-safe: all state is read-only after construction.
/// </summary>
internal sealed class MinHasher
{
    private readonly DedupOptions _options;
    private readonly ulong[] _keys;

    public MinHasher(DedupOptions options)
    {
        _options = options;
        _keys = new ulong[options.HashCount];
        var state = options.Seed;
        for (var k = 0; k < _keys.Length; k++)
        {
            state += 0x9E3779B97F4A7C15UL;
            _keys[k] = XxHash64.Avalanche(state);
        }
    }

    public int HashCount => _keys.Length;

    /// <summary>Fills <paramref name="signature"/>; false when the document has no tokens (it then joins no bucket).</summary>
    public bool Compute(string text, string kind, List<ulong> scratch, Span<ulong> signature)
    {
        scratch.Clear();
        var unit = kind == "abc" ? _options.AbcUnit : _options.TextUnit;
        if (unit == ShingleUnit.Words)
            WordTokenizer.Tokenize(text, _options.Seed, scratch);
        else
            AbcTokenizer.Tokenize(text, unit == ShingleUnit.AbcBars, _options.Seed, scratch);

        signature.Fill(ulong.MaxValue);
        if (scratch.Count == 0)
            return false;

        var n = Math.Min(_options.ShingleSize, scratch.Count);
        for (var start = 0; start + n <= scratch.Count; start++)
        {
            var s = _options.Seed;
            for (var j = start; j < start + n; j++)
                s = (s ^ scratch[j]) * 0x9FB21C651E98DF25UL + 0x2545F4914F6CDD1DUL;
            s = XxHash64.Avalanche(s);
            for (var k = 0; k < _keys.Length; k++)
            {
                var v = XxHash64.Avalanche(s ^ _keys[k]);
                if (v < signature[k])
                    signature[k] = v;
            }
        }
        return true;
    }

    /// <summary>One bucket hash per band: the band's rows hashed with a band-specific seed.</summary>
    public void Buckets(ReadOnlySpan<ulong> signature, Span<ulong> buckets)
    {
        var rows = _options.RowsPerBand;
        for (var b = 0; b < _options.Bands; b++)
            buckets[b] = XxHash64.Hash(signature.Slice(b * rows, rows), _options.Seed + (ulong)b);
    }

    /// <summary>Share of equal signature values: the MinHash estimate of Jaccard similarity.</summary>
    public static double Similarity(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        var equal = 0;
        for (var k = 0; k < a.Length; k++)
            if (a[k] == b[k]) equal++;
        return (double)equal / a.Length;
    }
}
