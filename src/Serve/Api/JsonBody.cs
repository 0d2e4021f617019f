using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MusicPile.Serve.Api;

/// <summary>Typed access to the fields of a JSON request body, turning every wrong type or value into a 400.</summary>
internal sealed class JsonBody(JsonElement root)
{
    /// <summary>Reads and parses a request body that must be a JSON object.</summary>
    public static async Task<(JsonDocument Document, JsonBody Body)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 32 }, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new ApiException(400, $"the body is not valid JSON: {e.Message}", null, "invalid_json");
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new ApiException(400, "the body must be a JSON object", null, "invalid_json");
        }
        return (document, new JsonBody(document.RootElement));
    }

    public JsonElement Root => root;

    public bool Has(string name) => root.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public string? String(string name)
    {
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw TypeError(name, "a string");
    }

    public bool? Bool(string name)
    {
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw TypeError(name, "a boolean"),
        };
    }

    public double? Number(string name)
    {
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d) ? d : throw TypeError(name, "a number");
    }

    public long? Integer(string name)
    {
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n)) return n;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && Math.Abs(d) > long.MaxValue / 2.0)
            return d > 0 ? long.MaxValue : long.MinValue;
        throw TypeError(name, "an integer");
    }

    /// <summary>A string or an array of strings (OpenAI's <c>stop</c> and <c>prompt</c>).</summary>
    public IReadOnlyList<string>? Strings(string name)
    {
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.String) return [v.GetString()!];
        if (v.ValueKind != JsonValueKind.Array) throw TypeError(name, "a string or an array of strings");
        var list = new List<string>();
        foreach (var item in v.EnumerateArray())
            list.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw TypeError(name, "a string or an array of strings"));
        return list;
    }

    public static ApiException TypeError(string name, string expected) => new(400, $"'{name}' must be {expected}", name, "invalid_type");
}
