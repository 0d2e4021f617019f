using System.Globalization;
using System.Text;
using MusicPile.Abc;

namespace MusicPile.Ingest.Readers;

/// <summary>Splits an ABC file (<c>.abc</c>, <c>.abc.gz</c>) into tunes, each carrying the file header's fields.</summary>
internal static class AbcSourceReader
{
    public static async IAsyncEnumerable<RawRecord> ReadAsync(string path, long maxFileBytes,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var (bytes, error) = await InputBytes.ReadAllAsync(path, maxFileBytes, ct).ConfigureAwait(false);
        if (InputBytes.LooksBinary(bytes))
        {
            yield return new RawRecord("byte 0", null, Problem: "binary-file", ProblemDetail: "NUL bytes in the first 8 KiB");
            yield break;
        }
        // Bytes become text once for the whole file; the text-level repairs are judged tune by tune below, so one
        // tune's mojibake neither rewrites nor labels its neighbours.
        var decoded = AbcText.DecodeBytes(bytes);
        var lines = decoded.Text.Split('\n');
        // Only the layout: each tune is parsed later, on its own, so a large file never becomes one large model.
        var doc = AbcDocument.Split(decoded.Text);
        var header = new StringBuilder();
        foreach (var f in doc.FileHeader)
            header.Append(f.Name).Append(':').Append(f.Value).Append('\n');
        foreach (var tune in doc.Tunes)
        {
            var sb = new StringBuilder();
            var first = Math.Max(0, tune.StartLine - 1);
            var last = Math.Min(lines.Length - 1, tune.EndLine - 1);
            for (var i = first; i <= last; i++)
                sb.Append(lines[i].TrimEnd('\r')).Append('\n');
            var body = sb.ToString();
            // File-header fields apply to every tune: put them right after X: so the tune stands alone.
            var (text, repairedFrom) = RepairTune(header.Length == 0 ? body : InsertAfterFirstLine(body, header.ToString()), decoded.RepairedFrom);
            yield return new RawRecord($"line {tune.StartLine}", text, KindHint: "abc", RepairedFrom: repairedFrom,
                Fields: new Dictionary<string, string> { ["x"] = tune.X, ["tune_index"] = tune.Index.ToString(CultureInfo.InvariantCulture) });
        }
        if (doc.Tunes.Count == 0 && error is null)
            yield return new RawRecord("line 1", AbcText.Repair(decoded.Text).Text, Problem: "no-tunes", ProblemDetail: "no X: field found in an ABC file");
        if (error is not null)
            yield return new RawRecord($"byte {bytes.Length}", null, Problem: error.StartsWith("truncated", StringComparison.Ordinal) ? "truncated-gzip" : "too-large", ProblemDetail: error);
    }

    /// <summary>
    /// One tune's text and the repair that changed it, if any: in a file that was not UTF-8 (decoded as CP1252) only
    /// the tunes holding non-ASCII text count as repaired; otherwise the tune's own text decides.
    /// </summary>
    private static (string Text, string? RepairedFrom) RepairTune(string text, string? fileDecoding)
    {
        if (fileDecoding is not null)
            return (text, Ascii.IsValid(text) ? null : fileDecoding);
        var repaired = AbcText.Repair(text);
        return (repaired.Text, repaired.Text == text ? null : repaired.RepairedFrom);
    }

    private static string InsertAfterFirstLine(string body, string fields)
    {
        var nl = body.IndexOf('\n', StringComparison.Ordinal);
        return nl < 0 ? body + "\n" + fields : body[..(nl + 1)] + fields + body[(nl + 1)..];
    }
}
