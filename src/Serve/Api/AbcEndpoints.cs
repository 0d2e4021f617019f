using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MusicPile.Abc;
using MusicPile.Serve.Music;

namespace MusicPile.Serve.Api;

/// <summary>
/// <c>POST /v1/abc/validate</c> (diagnostics of a tune) and <c>POST /v1/abc/midi</c> (a standard MIDI file of it).
/// Both take the ABC as the raw body, or as <c>{"abc": "..."}</c> when the body is JSON.
/// </summary>
internal static class AbcEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/v1/abc/validate", async (HttpRequest request) =>
        {
            try
            {
                var abc = await ReadAbcAsync(request).ConfigureAwait(false);
                return Results.Json(TuneExtractor.Validate(abc));
            }
            catch (ApiException e)
            {
                return ApiErrors.Result(e);
            }
        });
        app.MapPost("/v1/abc/midi", async (HttpRequest request) =>
        {
            try
            {
                var abc = await ReadAbcAsync(request).ConfigureAwait(false);
                var tune = AbcDocument.ParseTune(abc) ?? throw ApiException.Invalid("no tune found (a tune needs X: and K: lines)", "abc");
                var diagnostics = AbcValidator.Validate(tune);
                if (AbcValidator.IsFatal(diagnostics))
                    throw ApiException.Invalid("the tune cannot be played: " + string.Join("; ", diagnostics.Where(d => d.Severity == AbcSeverity.Fatal)), "abc");
                return Results.File(MidiWriter.Write(tune), "audio/midi", "tune.mid");
            }
            catch (ApiException e)
            {
                return ApiErrors.Result(e);
            }
        });
    }

    private static async Task<string> ReadAbcAsync(HttpRequest request)
    {
        if (request.HasJsonContentType())
        {
            var (document, body) = await JsonBody.ReadAsync(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
            using (document)
                return body.String("abc") ?? throw ApiException.Invalid("'abc' is required", "abc");
        }
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text)) throw ApiException.Invalid("the body is empty; send ABC text", "abc");
        return text.Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
