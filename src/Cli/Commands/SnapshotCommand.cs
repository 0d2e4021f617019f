using System.CommandLine;
using System.Text.Json;
using MusicPile.Core;
using MusicPile.Core.Catalog;
using MusicPile.Core.Parquet;

namespace MusicPile.Cli.Commands;

/// <summary><c>musicpile snapshot list | show ID | diff A B</c>: the published, immutable corpus versions.</summary>
internal static class SnapshotCommand
{
    private static readonly Argument<string> Id = new("id") { Description = "Snapshot id, or 'latest'" };
    private static readonly Argument<string> A = new("a") { Description = "Older snapshot id" };
    private static readonly Argument<string> B = new("b") { Description = "Newer snapshot id, or 'latest'" };

    public static Command Create()
    {
        var cmd = new Command("snapshot", "Published corpus snapshots");
        var list = new Command("list", "List snapshots");
        list.SetAction((p, ct) => CliContext.GuardAsync(p, ListAsync, ct));
        var show = new Command("show", "Files, counts per source and duplicates removed of one snapshot");
        show.Arguments.Add(Id);
        show.SetAction((p, ct) => CliContext.GuardAsync(p, ShowAsync, ct));
        var diff = new Command("diff", "Documents added and removed per source between two snapshots");
        diff.Arguments.Add(A);
        diff.Arguments.Add(B);
        diff.SetAction((p, ct) => CliContext.GuardAsync(p, DiffAsync, ct));
        cmd.Subcommands.Add(list);
        cmd.Subcommands.Add(show);
        cmd.Subcommands.Add(diff);
        return cmd;
    }

    private static async Task<int> ListAsync(CliContext ctx, CancellationToken ct)
    {
        await using var catalog = await ctx.OpenCatalogAsync(ct).ConfigureAwait(false);
        var rows = await SnapshotCatalog.ListAsync(catalog.DataSource, ct).ConfigureAwait(false);
        if (ctx.Json)
            ctx.WriteJson(new { snapshots = rows.Select(r => new { id = r.Id, created = r.CreatedAt, documents = r.Documents, parent = r.Parent, run = r.RunId }) });
        foreach (var r in rows)
            ctx.Human.WriteLine($"{r.Id}  {r.CreatedAt:yyyy-MM-dd HH:mm:ss}  {r.Documents,10:N0} documents  parent {r.Parent ?? "-"}");
        if (rows.Count == 0)
            ctx.Human.WriteLine("no snapshots yet");
        return ExitCodes.Success;
    }

    public static async Task<object> ShowJsonAsync(Npgsql.NpgsqlDataSource db, string id, CancellationToken ct)
    {
        var s = await SnapshotCatalog.ResolveAsync(db, id, ct).ConfigureAwait(false);
        var files = await SnapshotCatalog.FilesAsync(db, s.Id, ct).ConfigureAwait(false);
        var counts = SnapshotCatalog.ParseCounts(s.Counts);
        return new
        {
            id = s.Id,
            parent = s.Parent,
            created = s.CreatedAt,
            run = s.RunId,
            config_hash = s.ConfigHash,
            code_version = s.CodeVersion,
            manifest_sha256 = s.ManifestSha256,
            documents = s.Documents,
            by_source = counts.TryGetValue("by_source", out var bs) ? bs : default,
            duplicates_removed = counts.TryGetValue("duplicates_removed", out var dr) ? dr : default,
            files = files.Select(f => new { path = f.Path, sha256 = f.Sha256, rows = f.Rows, bytes = f.SizeBytes, src = f.Source }),
        };
    }

    private static async Task<int> ShowAsync(CliContext ctx, CancellationToken ct)
    {
        await using var catalog = await ctx.OpenCatalogAsync(ct).ConfigureAwait(false);
        var json = await ShowJsonAsync(catalog.DataSource, ctx.Parse.GetValue(Id)!, ct).ConfigureAwait(false);
        if (ctx.Json)
        {
            ctx.WriteJson(json);
            return ExitCodes.Success;
        }
        ctx.Human.WriteLine(JsonSerializer.Serialize(json, CliContext.JsonOptions));
        return ExitCodes.Success;
    }

    private static async Task<int> DiffAsync(CliContext ctx, CancellationToken ct)
    {
        await using var catalog = await ctx.OpenCatalogAsync(ct).ConfigureAwait(false);
        var a = await SnapshotCatalog.ResolveAsync(catalog.DataSource, ctx.Parse.GetValue(A)!, ct).ConfigureAwait(false);
        var b = await SnapshotCatalog.ResolveAsync(catalog.DataSource, ctx.Parse.GetValue(B)!, ct).ConfigureAwait(false);
        var idsA = await IdsBySourceAsync(catalog.DataSource, ctx.Home, a.Id, ct).ConfigureAwait(false);
        var idsB = await IdsBySourceAsync(catalog.DataSource, ctx.Home, b.Id, ct).ConfigureAwait(false);
        var sources = idsA.Keys.Union(idsB.Keys).Order(StringComparer.Ordinal).ToList();
        var bySource = sources.ToDictionary(s => s, s =>
        {
            var sa = idsA.GetValueOrDefault(s) ?? [];
            var sb = idsB.GetValueOrDefault(s) ?? [];
            return new { added = sb.Count(id => !sa.Contains(id)), removed = sa.Count(id => !sb.Contains(id)), before = sa.Count, after = sb.Count };
        });
        var result = new
        {
            a = a.Id,
            b = b.Id,
            added = bySource.Values.Sum(v => v.added),
            removed = bySource.Values.Sum(v => v.removed),
            by_source = bySource,
        };
        if (ctx.Json)
            ctx.WriteJson(result);
        ctx.Human.WriteLine($"{a.Id} -> {b.Id}: +{result.added} -{result.removed}");
        foreach (var (s, v) in bySource)
            ctx.Human.WriteLine($"  {s,-28} +{v.added,8:N0} -{v.removed,8:N0}  ({v.before:N0} -> {v.after:N0})");
        return ExitCodes.Success;
    }

    private static async Task<Dictionary<string, HashSet<long>>> IdsBySourceAsync(Npgsql.NpgsqlDataSource db, MusicPileHome home, string id, CancellationToken ct)
    {
        var result = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);
        foreach (var f in await SnapshotCatalog.FilesAsync(db, id, ct).ConfigureAwait(false))
        {
            await foreach (var r in CorpusShardReader.ReadAsync(Path.Combine(home.SnapshotsDir, id, f.Path), ct).ConfigureAwait(false))
            {
                if (!result.TryGetValue(r.Src, out var set))
                    result[r.Src] = set = [];
                set.Add(r.Id);
            }
        }
        return result;
    }
}
