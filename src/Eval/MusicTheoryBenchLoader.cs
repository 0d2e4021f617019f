using System.Text.Json;

namespace MusicPile.Eval;

/// <summary>
/// Reads MusicTheoryBench records from JSON (an array, or an object holding one under <c>data</c>, <c>items</c> or
/// <c>test</c>/<c>dev</c>) or JSON Lines. Options may be an object <c>{"A": ..}</c> or a list in A-D order.
/// </summary>
public static class MusicTheoryBenchLoader
{
    /// <summary>Reads a file.</summary>
    public static async Task<IReadOnlyList<MusicTheoryBenchItem>> LoadAsync(string path, CancellationToken ct)
    {
        var text = await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
        try
        {
            return Parse(text);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Reads the text of a file.</summary>
    public static IReadOnlyList<MusicTheoryBenchItem> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.TrimStart();
        var items = new List<MusicTheoryBenchItem>();
        if (trimmed.StartsWith('[') || (trimmed.StartsWith('{') && !LooksLikeJsonLines(trimmed)))
        {
            using var doc = JsonDocument.Parse(trimmed);
            foreach (var e in Records(doc.RootElement, null))
                items.Add(e);
            return items;
        }
        foreach (var line in text.Split('\n'))
        {
            if (line.Trim().Length == 0)
                continue;
            using var doc = JsonDocument.Parse(line);
            items.Add(Read(doc.RootElement, null));
        }
        return items;
    }

    private static bool LooksLikeJsonLines(string text)
    {
        var firstLine = text.Split('\n', 2)[0].Trim();
        try
        {
            using var _ = JsonDocument.Parse(firstLine);
            return text.Trim().Contains('\n', StringComparison.Ordinal);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static IEnumerable<MusicTheoryBenchItem> Records(JsonElement root, string? split)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in root.EnumerateArray())
                yield return Read(e, split);
            yield break;
        }
        if (root.ValueKind != JsonValueKind.Object)
            throw new JsonException("expected an array or an object of MusicTheoryBench records");
        if (root.TryGetProperty("stem", out _))
        {
            yield return Read(root, split);
            yield break;
        }
        foreach (var p in root.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.Array)
                continue;
            var s = p.Name is "dev" or "test" or "validation" ? (p.Name == "validation" ? "dev" : p.Name) : split;
            foreach (var e in p.Value.EnumerateArray())
                yield return Read(e, s);
        }
    }

    private static MusicTheoryBenchItem Read(JsonElement e, string? split)
    {
        var options = new SortedDictionary<char, string>();
        if (e.TryGetProperty("options", out var o))
        {
            if (o.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in o.EnumerateObject())
                {
                    if (p.Name.Length > 0)
                        options[char.ToUpperInvariant(p.Name[0])] = Text(p.Value);
                }
            }
            else if (o.ValueKind == JsonValueKind.Array)
            {
                var k = 0;
                foreach (var v in o.EnumerateArray())
                    options[(char)('A' + k++)] = Text(v);
            }
        }
        foreach (var letter in "ABCD")
        {
            if (!options.ContainsKey(letter) && e.TryGetProperty(letter.ToString(), out var v))
                options[letter] = Text(v);
        }
        if (options.Count < 2)
            throw new JsonException($"record {Field(e, "id")}: fewer than two options");
        var answer = Field(e, "answer").Trim().TrimEnd('.').ToUpperInvariant();
        if (answer.Length != 1 || !options.ContainsKey(answer[0]))
            throw new JsonException($"record {Field(e, "id")}: answer '{answer}' is not one of the options");
        var subject = Field(e, "subject");
        var category = MusicTheoryBenchItem.InferCategory(Field(e, "category"), subject);
        return new MusicTheoryBenchItem(Field(e, "id"), Field(e, "instruction"), Field(e, "stem"), options, subject, answer[0],
            Field(e, "split") is { Length: > 0 } sp ? sp : split ?? "test", Field(e, "abc_score"), Field(e, "analysis"), category);
    }

    private static string Field(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? Text(v) : "";

    private static string Text(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => v.GetRawText(),
    };
}
