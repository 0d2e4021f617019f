using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MusicPile.Serve.Generation;

namespace MusicPile.Serve.Api;

/// <summary><c>POST /v1/completions</c> and <c>POST /v1/chat/completions</c>, as JSON or as server-sent events.</summary>
internal static class CompletionEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/v1/completions", (HttpContext context) => HandleAsync(context, chat: false));
        app.MapPost("/v1/chat/completions", (HttpContext context) => HandleAsync(context, chat: true));
    }

    private static async Task HandleAsync(HttpContext context, bool chat)
    {
        var services = context.RequestServices;
        var host = services.GetRequiredService<ModelHost>();
        // A generation ends when its client leaves or when the server stops: streams do not hold up a shutdown.
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted,
            services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        var aborted = ending.Token;
        try
        {
            if (!context.Request.HasJsonContentType())
                throw new ApiException(415, "the body must be JSON (Content-Type: application/json)", null, "unsupported_media_type");
            if (!host.IsReady)
                throw new ApiException(503, host.LoadError is { } error ? $"the model failed to load: {error}" : "the model is still loading", null, "model_not_ready");
            var (document, body) = await JsonBody.ReadAsync(context.Request, aborted).ConfigureAwait(false);
            CompletionCall call;
            using (document)
                call = services.GetRequiredService<CompletionParser>().Parse(body, chat);
            using var slot = await services.GetRequiredService<GenerationQueue>().TryEnterAsync(aborted).ConfigureAwait(false)
                ?? throw new ApiException(429, "the generation queue is full; retry later", null, "queue_full");
            var generator = services.GetRequiredService<TextGenerator>();
            var shapes = new CompletionResponses((chat ? "chatcmpl-" : "cmpl-") + Guid.NewGuid().ToString("N"), host.ModelName, chat, call.Generation.Seed);
            if (!call.Stream)
            {
                var result = await generator.GenerateAsync(call.Generation, null, aborted).ConfigureAwait(false);
                await context.Response.WriteAsJsonAsync(shapes.Final(result), aborted).ConfigureAwait(false);
                return;
            }
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            context.Response.ContentType = "text/event-stream; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers["X-Accel-Buffering"] = "no";
            if (chat) await WriteEventAsync(context, shapes.Chunk(null, first: true).ToJsonString(), aborted).ConfigureAwait(false);
            var final = await generator.GenerateAsync(call.Generation,
                (delta, ct) => WriteEventAsync(context, shapes.Chunk(delta, first: false).ToJsonString(), ct), aborted).ConfigureAwait(false);
            await WriteEventAsync(context, shapes.LastChunk(final, call.IncludeUsageInStream).ToJsonString(), aborted).ConfigureAwait(false);
            await WriteEventAsync(context, "[DONE]", aborted).ConfigureAwait(false);
        }
        catch (ApiException e) when (!context.Response.HasStarted)
        {
            await ApiErrors.WriteAsync(context, e.Status, e.Message, e.Param, e.Code).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; generation has stopped with it.
            context.Items[MetricsKeys.ClientClosed] = true;
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The server is stopping: a stream just ends; a request not yet answered is told to retry.
            if (!context.Response.HasStarted)
                await ApiErrors.WriteAsync(context, 503, "the server is shutting down; retry later", null, "shutting_down").ConfigureAwait(false);
        }
    }

    private static async Task WriteEventAsync(HttpContext context, string data, CancellationToken cancellationToken)
    {
        await context.Response.WriteAsync("data: " + data + "\n\n", cancellationToken).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
