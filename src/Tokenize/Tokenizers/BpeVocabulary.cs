using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace MusicPile.Tokenize;

/// <summary>
/// A SentencePiece-style BPE vocabulary: pieces in id order and merges in rank order
/// (each merge names the ids of its left and right parts).
/// </summary>
public sealed partial record BpeVocabulary(IReadOnlyList<string> Pieces, IReadOnlyList<(int Left, int Right)> Merges)
{
    /// <summary>
    /// Reads the vocabulary embedded in llama-tokenizer-js's <c>llama-tokenizer.js</c>: a base64 string of pieces
    /// joined by newlines, and a base64 string of little-endian uint16 id pairs, one pair per merge.
    /// </summary>
    public static BpeVocabulary FromLlamaTokenizerJs(string source)
    {
        var vocab = ConstantValue(source, "llama_vocab_base64");
        var merges = ConstantValue(source, "llama_merges_binary");
        var pieces = Encoding.UTF8.GetString(Convert.FromBase64String(vocab)).Split('\n');
        var mergeBytes = Convert.FromBase64String(merges);
        if (mergeBytes.Length % 4 != 0)
            throw new InvalidDataException("merge data is not a whole number of uint16 pairs");
        var pairs = new (int, int)[mergeBytes.Length / 4];
        for (var i = 0; i < pairs.Length; i++)
        {
            var left = BinaryPrimitives.ReadUInt16LittleEndian(mergeBytes.AsSpan(4 * i));
            var right = BinaryPrimitives.ReadUInt16LittleEndian(mergeBytes.AsSpan(4 * i + 2));
            if (left >= pieces.Length || right >= pieces.Length)
                throw new InvalidDataException($"merge {i} names an id outside the vocabulary");
            pairs[i] = (left, right);
        }
        return new BpeVocabulary(pieces, pairs);
    }

    /// <summary>
    /// Score of each piece for a SentencePiece BPE model: minus the rank of the first merge producing it, so that
    /// earlier merges win; pieces no merge produces get a score below every merge.
    /// </summary>
    public float[] PieceScores()
    {
        var index = new Dictionary<string, int>(Pieces.Count, StringComparer.Ordinal);
        for (var id = 0; id < Pieces.Count; id++)
            index.TryAdd(Pieces[id], id);
        var scores = new float[Pieces.Count];
        Array.Fill(scores, float.NaN);
        for (var rank = 0; rank < Merges.Count; rank++)
        {
            var (left, right) = Merges[rank];
            if (index.TryGetValue(Pieces[left] + Pieces[right], out var made) && float.IsNaN(scores[made]))
                scores[made] = -rank;
        }
        for (var id = 0; id < scores.Length; id++)
        {
            if (float.IsNaN(scores[id]))
                scores[id] = -(Merges.Count + id);
        }
        return scores;
    }

    private static string ConstantValue(string source, string name)
    {
        var match = ConstantPattern().Match(source, source.IndexOf("const " + name, StringComparison.Ordinal) is var at and >= 0
            ? at
            : throw new InvalidDataException($"constant {name} not found in llama-tokenizer.js"));
        return match.Success && match.Groups[1].Value == name
            ? match.Groups[2].Value
            : throw new InvalidDataException($"constant {name} is not a string literal");
    }

    [GeneratedRegex("""const (\w+) = "([A-Za-z0-9+/=]*)"\s*""")]
    private static partial Regex ConstantPattern();
}
