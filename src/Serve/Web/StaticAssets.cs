using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MusicPile.Serve.Web;

/// <summary>
/// The web page's files, embedded in this assembly from <c>wwwroot/</c> (the build installs abcjs with npm and embeds
/// it as <c>vendor/abcjs-basic-min.js</c>), served with no outside requests.
/// </summary>
internal static class StaticAssets
{
    private const string Prefix = "MusicPile.Serve.wwwroot/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".json"] = "application/json",
        [".ico"] = "image/x-icon",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> Names = typeof(StaticAssets).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..])
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True when abcjs was vendored at build time.</summary>
    public static bool HasAbcjs => Names.Contains("vendor/abcjs-basic-min.js");

    public static void Map(WebApplication app)
    {
        app.MapGet("/", () => Serve("index.html"));
        app.MapGet("/{**path}", (string path) => Serve(path));
    }

    private static IResult Serve(string path)
    {
        if (!Names.Contains(path))
            return path == "vendor/abcjs-basic-min.js"
                ? Results.Text("abcjs is missing: rebuild MusicPile.Serve (it installs abcjs with npm)", "text/plain", statusCode: 404)
                : Results.NotFound();
        var stream = typeof(StaticAssets).Assembly.GetManifestResourceStream(Prefix + path)!;
        var type = ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
        return Results.Stream(stream, type);
    }
}
