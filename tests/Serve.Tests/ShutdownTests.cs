using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace MusicPile.Serve.Tests;

/// <summary>Stopping the server ends streams and cancels slow requests within a bound, instead of waiting on them.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_ends_a_stream_and_a_stalled_upload_within_ten_seconds()
    {
        var dir = await TinyCheckpoint.DirectoryAsync();
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        using var stop = new CancellationTokenSource();
        var run = ServeApp.RunAsync(new ServeOptions { CheckpointDirectory = dir, Device = MusicPile.Train.ComputeDevice.Cpu, Urls = baseUrl }, stop.Token);
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(1) };
        await WaitReadyAsync(client);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions")
        {
            Content = JsonContent.Create(new { prompt = "X:1\n", max_tokens = 1536, stream = true, temperature = 1.0, seed = 11 }),
        };
        using var streaming = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.True(streaming.IsSuccessStatusCode);
        var events = SseReader.ReadAllAsync(streaming);
        using var giveUp = new CancellationTokenSource();
        var stalled = client.PostAsync("/v1/abc/validate", new StalledContent(), giveUp.Token);
        await Task.Delay(300);

        var clock = Stopwatch.StartNew();
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"stopped after {clock.Elapsed}");
        // The stream has ended, and nothing listens any more.
        await Task.WhenAny(events, Task.Delay(TimeSpan.FromSeconds(5)));
        Assert.True(events.IsCompleted, "the stream is still open after the server stopped");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync("/health"));
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => stalled);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitReadyAsync(HttpClient client)
    {
        for (var i = 0; i < 600; i++)
        {
            try
            {
                using var health = await client.GetAsync("/health");
                if (health.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("the server did not get ready");
    }

    /// <summary>A body that sends a few bytes, then nothing, until the request is cancelled.</summary>
    private sealed class StalledContent : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync("X:1\nK:C\n"u8.ToArray(), cancellationToken);
            await stream.FlushAsync(cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 1000;
            return true;
        }
    }
}
