using System.Text;
using MusicPile.Core.Text;

namespace MusicPile.Ingest;

/// <summary>
/// Gives each record of one file its document id from what it holds (text, fields, encoding repair), not from where
/// it stands, and from its occurrence among equal records of the file: a record left unchanged by an edit keeps its
/// id, so the next run can carry it over instead of reading it again.
/// </summary>
internal sealed class RecordIdentity(string source, string path)
{
    /// <summary>Fields a reader derives from a record's position; they do not make a record different.</summary>
    private static readonly HashSet<string> PositionalFields = new(StringComparer.Ordinal) { "tune_index" };

    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    public long IdOf(RawRecord raw)
    {
        var key = ContentKey(raw);
        var n = _seen.GetValueOrDefault(key);
        _seen[key] = n + 1;
        return DocumentId.For(source, path, $"{key}#{n}");
    }

    private static string ContentKey(RawRecord raw)
    {
        var sb = new StringBuilder(raw.Text?.Length + 64 ?? 64);
        sb.Append(raw.Text).Append('\0').Append(raw.Id).Append('\0').Append(raw.Src).Append('\0')
            .Append(raw.KindHint).Append('\0').Append(raw.RepairedFrom);
        if (raw.Fields is not null)
        {
            foreach (var (k, v) in raw.Fields.Where(f => !PositionalFields.Contains(f.Key)).OrderBy(f => f.Key, StringComparer.Ordinal))
                sb.Append('\0').Append(k).Append('=').Append(v);
        }
        return ContentHash.Of(sb.ToString())[..32];
    }
}
