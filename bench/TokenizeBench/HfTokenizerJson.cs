using System.Text.Json;
using MusicPile.Tokenize;

namespace TokenizeBench;

/// <summary>Writes a Hugging Face <c>tokenizer.json</c> equivalent to LLaMA-2's from the same vocabulary and merges.</summary>
internal static class HfTokenizerJson
{
    public static void Write(BpeVocabulary vocabulary, string path)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("version", "1.0");
        json.WriteNull("truncation");
        json.WriteNull("padding");
        json.WriteStartArray("added_tokens");
        for (var id = 0; id < 3; id++)
        {
            json.WriteStartObject();
            json.WriteNumber("id", id);
            json.WriteString("content", vocabulary.Pieces[id]);
            json.WriteBoolean("single_word", false);
            json.WriteBoolean("lstrip", false);
            json.WriteBoolean("rstrip", false);
            json.WriteBoolean("normalized", false);
            json.WriteBoolean("special", true);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartObject("normalizer");
        json.WriteString("type", "Sequence");
        json.WriteStartArray("normalizers");
        json.WriteStartObject();
        json.WriteString("type", "Prepend");
        json.WriteString("prepend", "\u2581");
        json.WriteEndObject();
        json.WriteStartObject();
        json.WriteString("type", "Replace");
        json.WriteStartObject("pattern");
        json.WriteString("String", " ");
        json.WriteEndObject();
        json.WriteString("content", "\u2581");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteNull("pre_tokenizer");
        json.WriteNull("post_processor");
        json.WriteNull("decoder");

        json.WriteStartObject("model");
        json.WriteString("type", "BPE");
        json.WriteNull("dropout");
        json.WriteString("unk_token", "<unk>");
        json.WriteNull("continuing_subword_prefix");
        json.WriteNull("end_of_word_suffix");
        json.WriteBoolean("fuse_unk", true);
        json.WriteBoolean("byte_fallback", true);
        json.WriteStartObject("vocab");
        for (var id = 0; id < vocabulary.Pieces.Count; id++)
            json.WriteNumber(vocabulary.Pieces[id], id);
        json.WriteEndObject();
        json.WriteStartArray("merges");
        foreach (var (left, right) in vocabulary.Merges)
            json.WriteStringValue($"{vocabulary.Pieces[left]} {vocabulary.Pieces[right]}");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
