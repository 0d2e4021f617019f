using System.Text.Json;

namespace MusicPile.Core.Records;

/// <summary>
/// What the normalize stage found in a tune's corpus form, kept in the record's <c>meta</c> so that dedup reads it
/// instead of parsing the tune again. Ingest's own <c>warnings</c> and <c>codes</c> describe the text as it came in;
/// these describe the normalised text that later stages and snapshots hold.
/// </summary>
/// <param name="MelodyFingerprint">The tune's melody fingerprint (meta key <c>melody_fingerprint</c>).</param>
/// <param name="Warnings">Validator warnings of the normalised text (meta key <c>normalized_warnings</c>).</param>
public sealed record TuneFacts(string MelodyFingerprint, int Warnings)
{
    /// <summary>Meta key of <see cref="MelodyFingerprint"/>.</summary>
    public const string MelodyFingerprintKey = "melody_fingerprint";

    /// <summary>Meta key of <see cref="Warnings"/>.</summary>
    public const string WarningsKey = "normalized_warnings";

    /// <summary>The meta properties that hold these facts, for <see cref="RecordMeta.With"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Properties => [new(MelodyFingerprintKey, MelodyFingerprint), new(WarningsKey, Warnings)];

    /// <summary>The meta with these facts set.</summary>
    public string WriteInto(string meta) => RecordMeta.With(meta, Properties);

    /// <summary>
    /// The facts in a record's meta, or null when it holds none: shards written before the facts were kept, or
    /// records that did not go through the normalize stage.
    /// </summary>
    public static TuneFacts? Read(string meta)
    {
        if (string.IsNullOrEmpty(meta) || !meta.Contains(MelodyFingerprintKey, StringComparison.Ordinal))
            return null;
        try
        {
            using var doc = JsonDocument.Parse(meta);
            var root = doc.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty(MelodyFingerprintKey, out var fingerprint) && fingerprint.ValueKind == JsonValueKind.String
                && root.TryGetProperty(WarningsKey, out var warnings) && warnings.ValueKind == JsonValueKind.Number
                && warnings.TryGetInt32(out var n)
                ? new TuneFacts(fingerprint.GetString()!, n)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
