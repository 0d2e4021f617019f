using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MusicPile.Serve.Api;

namespace MusicPile.Serve.Corpus;

/// <summary><c>GET /v1/evaluations/latest</c>, <c>GET /v1/corpus/snapshots</c> and <c>GET /v1/corpus/snapshots/{id}/tunes?key=&amp;meter=&amp;source=&amp;limit=</c>.</summary>
internal static class CorpusEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/v1/evaluations/latest", async (HttpContext context) =>
        {
            if (context.RequestServices.GetService<CorpusBrowser>() is not { } browser) return Off();
            var json = await browser.EvaluationAsync(context.RequestAborted).ConfigureAwait(false);
            return json is null
                ? ApiErrors.Result(404, "no evaluation of this checkpoint yet: run musicpile eval --checkpoint DIR", null, "no_evaluation")
                : Results.Text(json, "application/json");
        });
        app.MapGet("/v1/corpus/snapshots", async (HttpContext context) =>
        {
            if (context.RequestServices.GetService<CorpusBrowser>() is not { } browser) return Off();
            return Results.Json(new { data = await browser.SnapshotsAsync(context.RequestAborted).ConfigureAwait(false) });
        });
        app.MapGet("/v1/corpus/snapshots/{id}/tunes", async (HttpContext context, string id, string? key, string? meter, string? source, string? limit) =>
        {
            if (context.RequestServices.GetService<CorpusBrowser>() is not { } browser) return Off();
            var count = 20;
            if (limit is not null && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out count) || count < 1 || count > 100))
                return ApiErrors.Result(400, "limit must be an integer from 1 to 100", "limit", "invalid_value");
            var query = new CorpusQuery(id, Blank(key), Blank(meter), Blank(source), count);
            var result = await browser.SearchAsync(query, context.RequestAborted).ConfigureAwait(false);
            return result is null ? ApiErrors.Result(404, $"snapshot '{id}' not found", "id", "snapshot_not_found") : Results.Json(result);
        });
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IResult Off() => ApiErrors.Result(404, "the corpus browser is off: start the server with a catalog connection string", null, "corpus_off");
}
