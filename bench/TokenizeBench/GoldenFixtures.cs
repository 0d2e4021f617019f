using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MusicPile.Tokenize;

namespace TokenizeBench;

/// <summary>
/// Writes the LLaMA-2 golden files of <c>tests/Tokenize.Tests/fixtures</c> with ids from Hugging Face
/// <c>tokenizers</c>: hand-written tie and byte-fallback cases, and corpus snippets stored as locations in the
/// shared datasets (the snippets' text stays there), half of them where LlamaTokenizer's own encoder differs from HF.
/// </summary>
internal static class GoldenFixtures
{
    private const int SnippetChars = 240;
    private const int SnippetsPerKind = 150;

    public static readonly string[] HandWritten =
    [
        "###", "####", "#####", "## ###", "### Heading\n#### Sub", "a###b", "#### 1. ####",
        " ", "  ", "    ", "        ", "x    y", "    indented\n        more", "trailing   ", "\t tab \t",
        "====", "=====", "==========", "a==b", "----", "-----", "||::||", "|:GAB c2d:|", "~~~~", "****", "____", "....",
        "Привет, мир", "日本語のテキスト", "音乐 music ♪ ♫", "مرحبا بالعالم", "Ελληνικά ABC", "café naïve Ærø", "한국어 노래",
        "emoji 🎵🎶 and 😀", "🎼", "🎹🎸🥁", "a😀b", "𝄞 treble clef", "\u00a0non-breaking\u00a0space", "\u200bzero width",
        "line\nbreak\n\n", "\r\n", "\u0000\u0001\u007f", "\u0080\u0081\u009f", "ÿþ",
        "X:1\nT:Tune\nM:6/8\nK:G\n|:GAB c2d|e2f g3:|", "Human: hi </s> Assistant: X:1 </s>", "</s>",
    ];

    public static async Task WriteAsync(List<CorpusDocument> corpus, string fixtures, string nodeDir, string tokenizerJson, string work)
    {
        Directory.CreateDirectory(fixtures);
        var ours = await TokenizerFactory.CreateAsync("llama2");
        var (handIds, _, _) = await NodeHf.EncodeAsync(nodeDir, tokenizerJson, HandWritten, work);
        await using (var stream = File.Create(Path.Combine(fixtures, "llama2-hf-cases.json")))
        {
            await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartArray();
            for (var i = 0; i < HandWritten.Length; i++)
            {
                json.WriteStartObject();
                json.WriteString("text", HandWritten[i]);
                json.WritePropertyName("ids");
                JsonSerializer.Serialize(json, handIds[i]);
                json.WriteEndObject();
                Check(ours, HandWritten[i], handIds[i]);
            }
            json.WriteEndArray();
        }

        var candidates = Candidates(corpus);
        var (hfIds, _, _) = await NodeHf.EncodeAsync(nodeDir, tokenizerJson, candidates.Select(c => c.Text).ToList(), work);
        var differ = new List<int>();
        var agree = new List<int>();
        for (var i = 0; i < candidates.Count; i++)
        {
            Check(ours, candidates[i].Text, hfIds[i]);
            (ours.Inner.EncodeToIds(candidates[i].Text).SequenceEqual(hfIds[i]) ? agree : differ).Add(i);
        }
        var chosen = differ.Take(SnippetsPerKind).Concat(agree.Take(2 * SnippetsPerKind - Math.Min(differ.Count, SnippetsPerKind))).Order().ToList();
        await using var writer = new StreamWriter(Path.Combine(fixtures, "llama2-hf-corpus.jsonl"), append: false, new UTF8Encoding(false));
        foreach (var i in chosen)
        {
            var (doc, start, text) = candidates[i];
            var line = JsonSerializer.Serialize(new
            {
                file = doc.File,
                line = doc.Line,
                offset = doc.Offset + start,
                length = text.Length,
                sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
                ids = hfIds[i],
            });
            await writer.WriteLineAsync(line);
        }
        Console.WriteLine($"wrote {HandWritten.Length} hand-written cases and {chosen.Count} corpus snippets " +
            $"({Math.Min(differ.Count, SnippetsPerKind)} where LlamaTokenizer's own encoder differs from HF; {differ.Count} such of {candidates.Count} candidates) to {fixtures}");
    }

    private static List<(CorpusDocument Doc, int Start, string Text)> Candidates(List<CorpusDocument> corpus)
    {
        var candidates = new List<(CorpusDocument, int, string)>();
        for (var i = 0; i < corpus.Count; i += 5)
        {
            var doc = corpus[i];
            var start = doc.Text.Length <= SnippetChars ? 0 : (int)((uint)(i * 7919) % (uint)(doc.Text.Length - SnippetChars));
            if (start > 0 && char.IsLowSurrogate(doc.Text[start]))
                start++;
            var length = Math.Min(SnippetChars, doc.Text.Length - start);
            if (length > 0 && char.IsHighSurrogate(doc.Text[start + length - 1]))
                length--;
            var text = doc.Text.Substring(start, length);
            if (text.Trim().Length > 0 && !text.Contains(MusicTokenizer.EosLiteral, StringComparison.Ordinal))
                candidates.Add((doc, start, text));
        }
        return candidates;
    }

    private static void Check(MusicTokenizer ours, string text, int[] hf)
    {
        if (!ours.Encode(text).AsSpan().SequenceEqual(hf))
            Console.WriteLine($"ours differs from HF on {JsonSerializer.Serialize(text)}: [{string.Join(' ', ours.Encode(text))}] vs [{string.Join(' ', hf)}]");
    }
}
