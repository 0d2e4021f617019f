using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MusicPile.Abc;
using MusicPile.Serve.Generation;
using MusicPile.Serve.Music;

namespace MusicPile.Serve.Api;

/// <summary>
/// <c>POST /v1/abc/validate</c> (diagnostics of a tune) and <c>POST /v1/abc/midi</c> (a standard MIDI file of it).
/// Both take the ABC as the raw body, or as <c>{"abc": "..."}</c> when the body is JSON. Each input is bounded: the
/// text (<see cref="ServeOptions.MaxAbcBytes"/>), the requests at once (<see cref="ServeOptions.AbcConcurrency"/>,
/// then 429), the diagnostics shown (<see cref="MaxDiagnostics"/>, with the total) and the MIDI played
/// (<see cref="MidiWriterOptions.Default"/>, then 422).
/// </summary>
internal static class AbcEndpoints
{
    /// <summary>Most diagnostics one validation answer lists; <c>diagnostic_count</c> gives the total.</summary>
    public const int MaxDiagnostics = 100;

    public static void Map(WebApplication app)
    {
        var options = app.Services.GetRequiredService<ServeOptions>();
        // The same admission as generations: a fixed number at once, none waiting (parsing is CPU work).
        var admission = new GenerationQueue(options.AbcConcurrency, 0);
        app.MapPost("/v1/abc/validate", (HttpRequest request) => AdmitAsync(request, admission, options, abc =>
            Results.Json(TuneExtractor.Validate(abc).WithAtMost(MaxDiagnostics))));
        app.MapPost("/v1/abc/midi", (HttpRequest request) => AdmitAsync(request, admission, options, abc =>
        {
            var tune = AbcDocument.ParseTune(abc) ?? throw ApiException.Invalid("no tune found (a tune needs X: and K: lines)", "abc");
            var diagnostics = AbcValidator.Validate(tune);
            if (AbcValidator.IsFatal(diagnostics))
                throw ApiException.Invalid("the tune cannot be played: " + string.Join("; ", diagnostics.Where(d => d.Severity == AbcSeverity.Fatal).Take(MaxDiagnostics)), "abc");
            try
            {
                return Results.File(MidiWriter.Write(tune, MidiWriterOptions.Default), "audio/midi", "tune.mid");
            }
            catch (MidiLimitException e)
            {
                throw new ApiException(422, e.Message, "abc", "midi_too_large");
            }
        }));
    }

    private static async Task<IResult> AdmitAsync(HttpRequest request, GenerationQueue admission, ServeOptions options, Func<string, IResult> handle)
    {
        try
        {
            using var slot = await admission.TryEnterAsync(request.HttpContext.RequestAborted).ConfigureAwait(false)
                ?? throw new ApiException(429, $"the ABC tools are busy ({options.AbcConcurrency} requests at once); retry later", null, "busy");
            return handle(await ReadAbcAsync(request, options.MaxAbcBytes).ConfigureAwait(false));
        }
        catch (ApiException e)
        {
            return ApiErrors.Result(e);
        }
    }

    private static async Task<string> ReadAbcAsync(HttpRequest request, int maxBytes)
    {
        string text;
        if (request.HasJsonContentType())
        {
            var (document, body) = await JsonBody.ReadAsync(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
            using (document)
                text = body.String("abc") ?? throw ApiException.Invalid("'abc' is required", "abc");
        }
        else
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(text)) throw ApiException.Invalid("the body is empty; send ABC text", "abc");
        }
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > maxBytes)
            throw new ApiException(413, $"the ABC text is {bytes:N0} bytes; the most these tools take is {maxBytes:N0}", "abc", "too_large");
        return text.Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
