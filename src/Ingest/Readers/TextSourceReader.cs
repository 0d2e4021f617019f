namespace MusicPile.Ingest.Readers;

/// <summary>Plain text and Markdown: one document per file.</summary>
internal static class TextSourceReader
{
    public static async IAsyncEnumerable<RawRecord> ReadAsync(string path, long maxBytes,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var (bytes, error) = await InputBytes.ReadAllAsync(path, maxBytes, ct).ConfigureAwait(false);
        if (error is not null)
        {
            var reason = error.StartsWith("truncated", StringComparison.Ordinal) ? "truncated-gzip" : "too-large";
            yield return new RawRecord("byte 0", null, Problem: reason, ProblemDetail: error);
            yield break;
        }
        if (InputBytes.LooksBinary(bytes))
        {
            yield return new RawRecord("byte 0", null, Problem: "binary-file", ProblemDetail: "NUL bytes in the first 8 KiB");
            yield break;
        }
        var decoded = Validation.TextDecoding.Decode(bytes);
        yield return decoded.Problem is null
            ? new RawRecord("file", decoded.Text, RepairedFrom: decoded.RepairedFrom)
            : new RawRecord("file", null, Problem: decoded.Problem, ProblemDetail: decoded.Detail);
    }
}
