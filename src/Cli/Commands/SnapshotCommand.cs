using System.CommandLine;
using System.Text.Json;
using MusicPile.Core.Catalog;
using MusicPile.Publish;

namespace MusicPile.Cli.Commands;

/// <summary><c>musicpile snapshot list | show ID | diff A B | gc --keep N</c>: the published, immutable corpus versions.</summary>
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
        cmd.Subcommands.Add(SnapshotGcCommand.Create());
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

    private static async Task<int> ShowAsync(CliContext ctx, CancellationToken ct)
    {
        await using var catalog = await ctx.OpenCatalogAsync(ct).ConfigureAwait(false);
        var json = await SnapshotReport.LoadAsync(catalog.DataSource, ctx.Parse.GetValue(Id)!, ct).ConfigureAwait(false);
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
        var diff = await SnapshotDiff.ComputeAsync(catalog.DataSource, ctx.Home, ctx.Parse.GetValue(A)!, ctx.Parse.GetValue(B)!, ct).ConfigureAwait(false);
        if (ctx.Json)
            ctx.WriteJson(diff);
        ctx.Human.WriteLine($"{diff.A} -> {diff.B}: +{diff.Added} -{diff.Removed}");
        foreach (var (s, v) in diff.BySource)
            ctx.Human.WriteLine($"  {s,-28} +{v.Added,8:N0} -{v.Removed,8:N0}  ({v.Before:N0} -> {v.After:N0})");
        return ExitCodes.Success;
    }
}
