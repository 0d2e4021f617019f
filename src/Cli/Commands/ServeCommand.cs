using System.CommandLine;
using MusicPile.Core.Catalog;
using MusicPile.Serve;
using MusicPile.Train;

namespace MusicPile.Cli.Commands;

/// <summary><c>musicpile serve --checkpoint DIR [--urls URL]</c>: the OpenAI-style API and the web page.</summary>
internal static class ServeCommand
{
    private static readonly Option<string> Checkpoint = new("--checkpoint") { Description = "Checkpoint folder (config.json, model.safetensors, tokenizer)", Required = true };
    private static readonly Option<string> Urls = new("--urls") { Description = "Addresses to listen on", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
    private static readonly Option<string> Device = new("--device") { Description = "auto, cpu or cuda", DefaultValueFactory = _ => "auto" };
    private static readonly Option<bool> NoCatalog = new("--no-catalog") { Description = "Serve without the corpus browser (no database)" };
    private static readonly Option<string?> AllowedHosts = new("--allowed-hosts")
    {
        Description = "Host names requests may use, separated by ';' (default: localhost and the hosts of --urls)",
    };

    public static Command Create()
    {
        var cmd = new Command("serve", "Serve a checkpoint over an OpenAI-style HTTP API with a web page that shows and plays the music");
        foreach (var o in new Option[] { Checkpoint, Urls, Device, NoCatalog, AllowedHosts })
            cmd.Options.Add(o);
        cmd.SetAction((p, ct) => CliContext.GuardAsync(p, RunAsync, ct));
        return cmd;
    }

    private static async Task<int> RunAsync(CliContext ctx, CancellationToken ct)
    {
        var dir = ctx.Parse.GetValue(Checkpoint)!;
        if (!File.Exists(Path.Combine(dir, "config.json")))
            throw Core.MusicPileException.Usage($"{dir}: not a checkpoint folder (no config.json)");
        CatalogConnection? catalog = ctx.Parse.GetValue(NoCatalog) ? null : await ctx.OpenCatalogAsync(ct).ConfigureAwait(false);
        try
        {
            var options = new ServeOptions
            {
                CheckpointDirectory = dir,
                Urls = ctx.Parse.GetValue(Urls),
                Device = ComputeTarget.ParseDevice(ctx.Parse.GetValue(Device)!),
                CorpusRoot = ctx.Home.SnapshotsDir,
                TokenizerCacheDirectory = Path.Combine(ctx.Home.Root, "tokenizers"),
                AllowedHosts = ctx.Parse.GetValue(AllowedHosts)?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            };
            ctx.Human.WriteLine($"serving {dir} on {options.Urls} (Ctrl+C to stop)");
            // The data source itself, not its ConnectionString, which leaves out the password.
            await ServeApp.RunAsync(options, ct, catalog?.DataSource).ConfigureAwait(false);
        }
        finally
        {
            // Stops the embedded database when this command started it.
            if (catalog is not null)
                await catalog.DisposeAsync().ConfigureAwait(false);
        }
        return ExitCodes.Success;
    }
}
