using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MusicPile.Serve.Generation;
using MusicPile.Serve.Metrics;
using MusicPile.Serve.Sampling;

namespace MusicPile.Serve.Api;

/// <summary><c>GET /v1/models</c>, <c>/health</c> and <c>/metrics</c>.</summary>
internal static class ServiceEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/v1/models", (ModelHost host) => Results.Json(new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(new JsonObject
            {
                ["id"] = host.ModelName,
                ["object"] = "model",
                ["created"] = host.IsReady ? new DateTimeOffset(File.GetLastWriteTimeUtc(Path.Combine(host.Checkpoint.Directory, "config.json"))).ToUnixTimeSeconds() : 0,
                ["owned_by"] = "musicpile",
                ["ready"] = host.IsReady,
                ["tokenizer"] = host.IsReady ? host.Checkpoint.Tokenizer.Id : null,
                ["context_length"] = host.IsReady ? host.Checkpoint.Config.MaxPositionEmbeddings : null,
                ["presets"] = new JsonArray(SamplingPresets.Names.Select(n => (JsonNode)n).ToArray()),
            }),
        }));
        app.MapGet("/health", (ModelHost host) => host.IsReady
            ? Results.Json(new JsonObject { ["status"] = "ok", ["model"] = host.ModelName })
            : Results.Json(new JsonObject { ["status"] = host.LoadError is null ? "loading" : "failed", ["error"] = host.LoadError }, statusCode: 503));
        app.MapGet("/metrics", (ServeMetrics metrics) => Results.Text(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8"));
    }
}
