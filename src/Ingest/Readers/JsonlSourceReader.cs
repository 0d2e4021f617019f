using System.Text;
using System.Text.Json;

namespace MusicPile.Ingest.Readers;

/// <summary>JSON Lines (<c>.jsonl</c>, <c>.jsonl.gz</c>): one record per line, fields named by a <see cref="FieldMapping"/>.</summary>
internal static class JsonlSourceReader
{
    private static readonly UTF8Encoding Strict = new(false, true);

    public static async IAsyncEnumerable<RawRecord> ReadAsync(string path, FieldMapping map, long maxRecordBytes,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var (line, bytes, error) in InputBytes.ReadLinesAsync(path, ct).ConfigureAwait(false))
        {
            var pos = $"line {line}";
            if (error is not null)
            {
                yield return new RawRecord(pos, System.Text.Encoding.UTF8.GetString(bytes ?? []), Problem: "truncated-gzip", ProblemDetail: error);
                yield break;
            }
            var span = bytes!.AsSpan().TrimEnd((byte)'\r');
            if (span.Trim((byte)' ').Length == 0)
                continue;
            if (span.Length > maxRecordBytes)
            {
                yield return new RawRecord(pos, null, Problem: "too-large", ProblemDetail: $"{span.Length:N0} bytes, limit {maxRecordBytes:N0}");
                continue;
            }
            yield return Parse(pos, span, map);
        }
    }

    private static RawRecord Parse(string pos, ReadOnlySpan<byte> span, FieldMapping map)
    {
        string json;
        try
        {
            json = Strict.GetString(span);
        }
        catch (DecoderFallbackException e)
        {
            return new RawRecord(pos, null, Problem: "invalid-utf8", ProblemDetail: $"invalid UTF-8 at byte {e.Index} of the line");
        }
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return new RawRecord(pos, null, Problem: "invalid-json", ProblemDetail: "a line must hold a JSON object");
            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                fields[p.Name] = p.Value.ValueKind switch
                {
                    JsonValueKind.String => p.Value.GetString(),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => p.Value.GetRawText(),
                    _ => null,
                };
            }
            return map.ToRecord(pos, fields);
        }
        catch (JsonException e)
        {
            return new RawRecord(pos, null, Problem: "invalid-json", ProblemDetail: $"column {e.BytePositionInLine}: {e.Message}");
        }
    }
}
