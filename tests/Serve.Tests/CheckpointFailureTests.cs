using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace MusicPile.Serve.Tests;

/// <summary>A checkpoint with a crafted safetensors header fails to load, and says so on /health and in the log.</summary>
public sealed class CheckpointFailureTests
{
    [Theory]
    [InlineData("[4294967296, 4294967296]", "more elements than any file can hold")]
    [InlineData("[-8, -8]", "negative dimension")]
    public async Task A_hostile_tensor_shape_is_reported_by_health_and_the_log(string shape, string reason)
    {
        var dir = TestPaths.NewTempDir("serve-hostile-checkpoint");
        foreach (var file in Directory.GetFiles(await TinyCheckpoint.DirectoryAsync()))
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        var tensor = Craft(Path.Combine(dir, "model.safetensors"), shape);
        var log = new ConcurrentQueue<string>();
        await using var app = ServeApp.Build(new ServeOptions { CheckpointDirectory = dir, Device = MusicPile.Train.ComputeDevice.Cpu, Urls = "http://127.0.0.1:0" },
            b => b.Logging.AddProvider(new CollectingLoggerProvider(log)));
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        JsonNode? health = null;
        for (var i = 0; i < 300 && (string?)health?["status"] is null or "loading"; i++)
        {
            await Task.Delay(100);
            using var response = await client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            health = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        }
        Assert.Equal("failed", (string?)health?["status"]);
        Assert.Contains(tensor, (string?)health!["error"], StringComparison.Ordinal);
        Assert.Contains(reason, (string?)health["error"], StringComparison.Ordinal);
        Assert.Contains(log, line => line.Contains("could not load checkpoint", StringComparison.Ordinal) && line.Contains(reason, StringComparison.Ordinal));
        await app.StopAsync();
    }

    /// <summary>Gives the first tensor of a safetensors file <paramref name="shape"/> and an empty data span; returns its name.</summary>
    private static string Craft(string path, string shape)
    {
        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BitConverter.ToUInt64(bytes);
        var header = JsonNode.Parse(Encoding.UTF8.GetString(bytes, 8, headerLength))!.AsObject();
        var (name, entry) = header.First(p => p.Key != "__metadata__");
        var begin = (long)entry!["data_offsets"]![0]!;
        entry["shape"] = JsonNode.Parse(shape);
        entry["data_offsets"] = new JsonArray(begin, begin);
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        File.WriteAllBytes(path, [.. BitConverter.GetBytes((ulong)json.Length), .. json, .. bytes.AsSpan(8 + headerLength)]);
        return name;
    }

    private sealed class CollectingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception) + " " + exception?.Message);
        }
    }
}
