using System.Text;
using System.Text.Json;
using MusicPile.Abc;
using MusicPile.Core.Records;

namespace MusicPile.Ingest.Validation;

/// <summary>
/// Checks one record: empty, too large, unusable ABC (fatal diagnostics). Returns the reject reason, or null and
/// the metadata to keep with the record (diagnostic counts, embedded tunes found).
/// </summary>
internal static class RecordValidator
{
    public sealed record Verdict(string Kind, string? Reason, string? Detail, Dictionary<string, object> Meta);

    public static Verdict Check(string text, string kind, long maxRecordBytes)
    {
        var meta = new Dictionary<string, object>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
            return new Verdict(kind, "empty", "the record has no text", meta);
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > maxRecordBytes)
            return new Verdict(kind, "too-large", $"{bytes:N0} bytes, limit {maxRecordBytes:N0}", meta);
        if (kind == CorpusRecord.Kinds.Abc)
        {
            var tune = AbcDocument.ParseTune(text);
            if (tune is null)
                return new Verdict(kind, "abc-no-tune", "no tune found", meta);
            var diagnostics = AbcValidator.Validate(tune);
            var fatal = diagnostics.FirstOrDefault(d => d.Severity == AbcSeverity.Fatal);
            meta["warnings"] = AbcValidator.CountWarnings(diagnostics);
            meta["codes"] = diagnostics.Select(d => d.Code).Distinct().Order(StringComparer.Ordinal).ToList();
            if (fatal is not null)
                return new Verdict(kind, "abc-" + fatal.Code, $"line {fatal.Line}:{fatal.Column}: {fatal.Message}", meta);
            return new Verdict(kind, null, null, meta);
        }
        var blocks = TuneFinder.All(text);
        if (blocks.Count > 0)
        {
            var bad = 0;
            foreach (var block in blocks)
            {
                var tune = AbcDocument.ParseTune(block);
                if (tune is null || AbcValidator.IsFatal(AbcValidator.Validate(tune)))
                    bad++;
            }
            meta["abc_blocks"] = blocks.Count;
            meta["abc_blocks_fatal"] = bad;
        }
        return new Verdict(kind, null, null, meta);
    }

    public static string MetaJson(Dictionary<string, object> meta) => JsonSerializer.Serialize(meta);
}
