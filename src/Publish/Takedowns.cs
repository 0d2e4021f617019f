using System.Text.RegularExpressions;
using MusicPile.Core;
using MusicPile.Core.Catalog;
using Npgsql;

namespace MusicPile.Publish;

/// <summary>
/// <c>musicpile takedown --source NAME | --file PATH | --document SHA256 [--reason TEXT]</c>: keeps documents out of
/// every later snapshot. The takedown is recorded with who, when and why, and with the content hashes it covers now,
/// so the same content stays out when it comes back (a file added again, a copy in another source). A target the
/// catalog does not know is a usage error.
/// </summary>
public static partial class Takedowns
{
    public static async Task<TakedownCatalog.TakedownRow> RecordAsync(NpgsqlDataSource db, string kind, string target, string reason, string by, CancellationToken ct)
    {
        switch (kind)
        {
            case TakedownCatalog.Kinds.Source:
                var sourceId = await TakedownCatalog.SourceIdAsync(db, target, ct).ConfigureAwait(false)
                    ?? throw MusicPileException.Usage($"takedown --source {target}: no source of that name has been ingested");
                return await TakedownCatalog.RecordAsync(db, kind, target, sourceId, null, reason, by, ct).ConfigureAwait(false);
            case TakedownCatalog.Kinds.File:
                var path = Path.GetFullPath(target);
                if (!await TakedownCatalog.FileKnownAsync(db, path, ct).ConfigureAwait(false))
                    throw MusicPileException.Usage($"takedown --file {path}: no source has read that file");
                return await TakedownCatalog.RecordAsync(db, kind, path, null, path, reason, by, ct).ConfigureAwait(false);
            case TakedownCatalog.Kinds.Document:
                var sha = CheckSha256(target, "takedown --document");
                if (!await TakedownCatalog.DocumentKnownAsync(db, sha, ct).ConfigureAwait(false))
                    throw MusicPileException.Usage($"takedown --document {sha}: no document with that content hash was ever made or published");
                return await TakedownCatalog.RecordAsync(db, kind, sha, null, null, reason, by, ct).ConfigureAwait(false);
            default:
                throw MusicPileException.Usage($"takedown: unknown kind '{kind}' (source, file or document)");
        }
    }

    /// <summary>A document's content hash as the catalog stores it (64 lowercase hex digits), or a usage error.</summary>
    public static string CheckSha256(string text, string what)
    {
        var sha = text.Trim().ToLowerInvariant();
        return Sha256Pattern().IsMatch(sha) ? sha : throw MusicPileException.Usage($"{what} {text}: not a SHA-256 (64 hex digits)");
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Pattern();
}
