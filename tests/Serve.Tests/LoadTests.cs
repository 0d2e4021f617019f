using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MusicPile.Serve.Tests;

public sealed class LoadTests(ServerFixture server, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    private const int Streams = 8;
    private const int RequestsPerStream = 3;

    [Fact]
    public async Task EightConcurrentStreamsFinishWithoutErrors()
    {
        var latencies = new List<double>();
        var firstTokens = new List<double>();
        var tokens = 0;
        var gate = new Lock();
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Streams).Select(async stream =>
        {
            for (var r = 0; r < RequestsPerStream; r++)
            {
                var started = Stopwatch.StartNew();
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions")
                {
                    Content = JsonContent.Create(new { prompt = "X:1\n", max_tokens = 48, stream = true, abc_constrained = true, seed = stream * 10 + r }),
                };
                using var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                Assert.True(response.IsSuccessStatusCode, $"status {(int)response.StatusCode}");
                double? first = null;
                JsonNode? last = null;
                string? done = null;
                await foreach (var data in SseReader.ReadAsync(response))
                {
                    first ??= started.Elapsed.TotalSeconds;
                    if (data == "[DONE]") done = data;
                    else last = JsonNode.Parse(data);
                }
                Assert.Equal("[DONE]", done);
                var used = (int)last!["usage"]!["completion_tokens"]!;
                lock (gate)
                {
                    latencies.Add(started.Elapsed.TotalSeconds);
                    firstTokens.Add(first ?? 0);
                    tokens += used;
                }
            }
        }));
        wall.Stop();
        Assert.Equal(Streams * RequestsPerStream, latencies.Count);
        latencies.Sort();
        firstTokens.Sort();
        output.WriteLine($"{Streams} streams x {RequestsPerStream} requests, {tokens} tokens in {wall.Elapsed.TotalSeconds:F2} s: " +
            $"{tokens / wall.Elapsed.TotalSeconds:F0} tokens/s; latency p50 {Percentile(latencies, 0.5) * 1000:F0} ms, " +
            $"p99 {Percentile(latencies, 0.99) * 1000:F0} ms; first event p50 {Percentile(firstTokens, 0.5) * 1000:F0} ms");
        var metrics = await server.Client.GetStringAsync("/metrics");
        Assert.DoesNotContain("status=\"5", metrics, StringComparison.Ordinal);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
