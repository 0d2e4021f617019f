using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using MusicPile.Train;

namespace MusicPile.Serve.Tests;

/// <summary>The real app on 127.0.0.1 with a free port, serving the tiny checkpoint.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    /// <summary>A client whose base address is the running server.</summary>
    public HttpClient Client { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var dir = await TinyCheckpoint.DirectoryAsync();
        (_app, Client, BaseUrl) = await StartAsync(new ServeOptions { CheckpointDirectory = dir, ModelName = "tiny", QueueCapacity = 32, Device = ComputeDevice.Cpu });
    }

    /// <summary>Builds and starts a server and waits until <c>/health</c> says ready.</summary>
    public static async Task<(WebApplication App, HttpClient Client, string BaseUrl)> StartAsync(ServeOptions options)
    {
        var app = ServeApp.Build(options with { Urls = "http://127.0.0.1:0" }, b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync();
        var baseUrl = app.Urls.First();
        var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
        for (var i = 0; i < 600; i++)
        {
            using var health = await client.GetAsync("/health");
            if (health.IsSuccessStatusCode) return (app, client, baseUrl);
            await Task.Delay(50);
        }
        throw new TimeoutException("the model did not load in 30 s");
    }

    public async Task<JsonObject> PostJsonAsync(string path, object body)
    {
        using var response = await Client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }
}
