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
        // One byte over the limit is kept so that a line ending in \r\n is measured without its \r.
        await foreach (var line in InputBytes.ReadLinesAsync(path, maxRecordBytes + 1, ct).ConfigureAwait(false))
        {
            var pos = $"line {line.Number}";
            if (line.Error is not null)
            {
                yield return new RawRecord(pos, System.Text.Encoding.UTF8.GetString(line.Bytes ?? []), Problem: "truncated-gzip", ProblemDetail: line.Error);
                yield break;
            }
            if (line.Bytes is null)
            {
                yield return TooLarge(pos, line.Length, maxRecordBytes);
                continue;
            }
            var span = line.Bytes.AsSpan().TrimEnd((byte)'\r');
            if (span.Trim((byte)' ').Length == 0)
                continue;
            if (span.Length > maxRecordBytes)
            {
                yield return TooLarge(pos, span.Length, maxRecordBytes);
                continue;
            }
            yield return Parse(pos, span, map);
        }
    }

    private static RawRecord TooLarge(string pos, long length, long limit) =>
        new(pos, null, Problem: "too-large", ProblemDetail: $"{length:N0} bytes, limit {limit:N0} (option max_record_bytes); skipped to the next line");

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
