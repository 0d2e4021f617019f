using System.Net.Http.Json;
using System.Net;
using System.Text.RegularExpressions;
using MusicPile.Train;

namespace MusicPile.Serve.Tests;

public sealed partial class QueueTests
{
    [Fact]
    public async Task FullQueueAnswers429AndDisconnectStopsGeneration()
    {
        var dir = await TinyCheckpoint.DirectoryAsync();
        var (app, client, _) = await ServerFixture.StartAsync(new ServeOptions { CheckpointDirectory = dir, QueueCapacity = 0, Workers = 1, Device = ComputeDevice.Cpu, MaxNewTokensCap = 2000 });
        await using var _app = app;
        using var _client = client;
        using var cts = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions")
        {
            Content = JsonContent.Create(new { prompt = "X:1\n", max_tokens = 2000, stream = true, seed = 1, abc_constrained = true }),
        };
        // No draining of the unread body on dispose: the connection must close the way a browser tab's would.
        using var streaming = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = client.BaseAddress };
        var response = await streaming.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        await using (var events = SseReader.ReadAsync(response, cts.Token).GetAsyncEnumerator(cts.Token))
        {
            Assert.True(await events.MoveNextAsync());
            using var refused = await client.PostAsJsonAsync("/v1/completions", new { prompt = "a", max_tokens = 2 });
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            await cts.CancelAsync();
        }
        response.Dispose();
        string metrics = "";
        for (var i = 0; i < 100 && !metrics.Contains("finish_reason=\"cancelled\"", StringComparison.Ordinal); i++)
        {
            await Task.Delay(50);
            metrics = await client.GetStringAsync("/metrics");
        }
        Assert.True(metrics.Contains("musicpile_generations_total{finish_reason=\"cancelled\"} 1", StringComparison.Ordinal), metrics);
        Assert.Contains("musicpile_generations_total{finish_reason=\"cancelled\"} 1", metrics, StringComparison.Ordinal);
        var generated = long.Parse(TokensTotal().Match(metrics).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(generated < 2000, $"generation went on after the client left ({generated} tokens)");
        Assert.Contains("musicpile_running_generations 0", metrics, StringComparison.Ordinal);
        using var after = await client.PostAsJsonAsync("/v1/completions", new { prompt = "a", max_tokens = 2 });
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task HealthIs503UntilTheModelLoads()
    {
        var app = ServeApp.Build(new ServeOptions { CheckpointDirectory = Path.Combine(TestPaths.NewTempDir(), "missing"), Urls = "http://127.0.0.1:0" });
        await using var _app = app;
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        using var completion = await client.PostAsJsonAsync("/v1/completions", new { prompt = "a" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, completion.StatusCode);
    }

    [GeneratedRegex(@"musicpile_generated_tokens_total (\d+)")]
    private static partial Regex TokensTotal();
}
