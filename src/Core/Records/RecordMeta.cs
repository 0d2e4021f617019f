using System.Buffers;
using System.Text;
using System.Text.Json;

namespace MusicPile.Core.Records;

/// <summary>Edits a corpus record's <c>meta</c> JSON object without losing what other stages put there.</summary>
public static class RecordMeta
{
    /// <summary>
    /// The meta object with <paramref name="properties"/> set: properties of the same name are replaced, the others
    /// keep their order, and the new ones follow in the order given. Meta that is not a JSON object is returned as it
    /// is, so a record never loses what it carried. Values are strings, numbers or booleans.
    /// </summary>
    public static string With(string meta, IReadOnlyList<KeyValuePair<string, object>> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(meta) ? "{}" : meta);
        }
        catch (JsonException)
        {
            return meta;
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return meta;
            var buffer = new ArrayBufferWriter<byte>(meta.Length + 64 * properties.Count + 2);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    if (!Replaced(p.Name, properties))
                        p.WriteTo(writer);
                }
                foreach (var (name, value) in properties)
                {
                    writer.WritePropertyName(name);
                    WriteValue(writer, value);
                }
                writer.WriteEndObject();
            }
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case string s: writer.WriteStringValue(s); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case double d: writer.WriteNumberValue(d); break;
            case bool b: writer.WriteBooleanValue(b); break;
            default: throw new ArgumentException($"meta values are strings, numbers or booleans, not {value?.GetType().Name ?? "null"}", nameof(value));
        }
    }

    private static bool Replaced(string name, IReadOnlyList<KeyValuePair<string, object>> properties)
    {
        foreach (var p in properties)
        {
            if (string.Equals(p.Key, name, StringComparison.Ordinal))
                return true;
        }
        return false;
    }
}
