using System.CommandLine;
using MusicPile.Core;
using MusicPile.Core.Catalog;
using MusicPile.Publish;

namespace MusicPile.Cli.Commands;

/// <summary>
/// <c>musicpile takedown --source NAME | --file PATH | --document SHA256 [--reason TEXT] [--json]</c>: keeps documents
/// out of every later snapshot, recorded with who, when and why.
/// </summary>
internal static class TakedownCommand
{
    private static readonly Option<string?> Source = new("--source") { Description = "Take down every document of this source" };
    private static readonly Option<string?> File = new("--file") { Description = "Take down every document read from this raw file" };
    private static readonly Option<string?> Document = new("--document") { Description = "Take down the document with this content hash (SHA-256)" };
    private static readonly Option<string> Reason = new("--reason") { Description = "Why (recorded with the takedown)", DefaultValueFactory = _ => "" };

    public static Command Create()
    {
        var cmd = new Command("takedown", "Keep a source, a raw file or a document out of every later snapshot");
        foreach (var o in new Option[] { Source, File, Document, Reason })
            cmd.Options.Add(o);
        cmd.SetAction((p, ct) => CliContext.GuardAsync(p, RunAsync, ct));
        return cmd;
    }

    private static async Task<int> RunAsync(CliContext ctx, CancellationToken ct)
    {
        var given = new (string Kind, string? Value)[]
        {
            (TakedownCatalog.Kinds.Source, ctx.Parse.GetValue(Source)),
            (TakedownCatalog.Kinds.File, ctx.Parse.GetValue(File)),
            (TakedownCatalog.Kinds.Document, ctx.Parse.GetValue(Document)),
        }.Where(g => !string.IsNullOrWhiteSpace(g.Value)).ToList();
        if (given.Count != 1)
            throw MusicPileException.Usage("takedown: give exactly one of --source NAME, --file PATH or --document SHA256");
        var (kind, value) = given[0];
        await using var catalog = await ctx.OpenCatalogAsync(ct).ConfigureAwait(false);
        var t = await Takedowns.RecordAsync(catalog.DataSource, kind, value!, ctx.Parse.GetValue(Reason)!, Environment.UserName, ct).ConfigureAwait(false);
        if (ctx.Json)
        {
            ctx.WriteJson(new
            {
                takedown = t.Id, kind = t.Kind, target = t.Target, reason = t.Reason, by = t.CreatedBy, at = t.CreatedAt, documents = t.Documents,
            });
        }
        ctx.Human.WriteLine($"takedown {t.Id}: {t.Kind} {t.Target} ({t.Documents:N0} document hashes) by {t.CreatedBy} at {t.CreatedAt:yyyy-MM-dd HH:mm:ss}Z" +
            (t.Reason.Length > 0 ? $": {t.Reason}" : "") + "; the next published snapshot leaves them out");
        return ExitCodes.Success;
    }
}
