using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace MusicPile.Serve.Tests;

/// <summary>
/// Bounded fuzzing of the HTTP API on loopback: seeded random and mutated bodies to every endpoint, several at once,
/// for a fixed number of requests or time. No answer may be a 5xx, and the server must stay healthy.
/// </summary>
public sealed class ApiFuzzTests(ServerFixture server, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    private const int Requests = 800;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(45);

    private static readonly string[] Posts = ["/v1/completions", "/v1/chat/completions", "/v1/abc/validate", "/v1/abc/midi"];
    private static readonly string[] Gets = ["/health", "/v1/models", "/metrics", "/v1/corpus/snapshots", "/", "/app.js", "/no/such/page", "/v1/evaluations/latest"];
    private static readonly string[] Types = ["application/json", "text/plain", "application/json; charset=utf-16", "application/octet-stream", "", "text/html"];

    private static readonly string[] AbcPieces =
    [
        "X:1\n", "K:C\n", "K:Gmix\n", "M:6/8\n", "L:1/16\n", "P:A256\n", "P:(AB)99\n", "V:1\n", "|:", ":|", "[1", "[2", "CDEF", "GABc|",
        "[CEG]", "(3abc", "z4", "\"Am\"", "!trill!", "{g}", "^^f", "__B,", "[K:D]", "%%MIDI program 1\n", "w:la la\n", "\u00e9", "\0", "[", "(", "\"",
    ];

    [Fact]
    public async Task Random_requests_to_every_endpoint_never_get_a_5xx_and_the_server_stays_healthy()
    {
        var rng = new Random(20_251_130);
        var plan = Enumerable.Range(0, Requests).Select(_ => NextRequest(rng)).ToList();
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        var sent = 0;
        var gate = new Lock();
        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (r, ct) =>
        {
            if (clock.Elapsed > Budget)
                return;
            using var request = new HttpRequestMessage(r.Method, r.Path);
            if (r.Body is not null)
            {
                request.Content = new ByteArrayContent(r.Body);
                if (r.Type.Length > 0)
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", r.Type);
            }
            using var response = await server.Client.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            lock (gate)
            {
                sent++;
                if ((int)response.StatusCode >= 500)
                    failures.Add($"{r.Method} {r.Path} [{r.Type}] {Preview(r.Body)} -> {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
            }
        });
        output.WriteLine($"{sent} requests in {clock.Elapsed.TotalSeconds:F1}s");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        Assert.True(sent >= 50, $"only {sent} requests in the time budget");
        using var health = await server.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var validate = await server.Client.PostAsync("/v1/abc/validate", new StringContent("X:1\nK:G\nGABc|\n", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, validate.StatusCode);
    }

    private sealed record Probe(HttpMethod Method, string Path, string Type, byte[]? Body);

    private static Probe NextRequest(Random rng)
    {
        if (rng.Next(5) == 0)
        {
            var path = Gets[rng.Next(Gets.Length)];
            if (rng.Next(3) == 0)
                path = $"/v1/corpus/snapshots/{Uri.EscapeDataString(RandomText(rng, 12))}/tunes?key={Uri.EscapeDataString(RandomText(rng, 4))}&limit={rng.Next(-5, 200)}";
            return new Probe(HttpMethod.Get, path, "", null);
        }
        var post = Posts[rng.Next(Posts.Length)];
        var type = Types[rng.Next(Types.Length)];
        byte[] body = rng.Next(6) switch
        {
            0 => RandomBytes(rng),
            1 => Encoding.UTF8.GetBytes(RandomAbc(rng)),
            2 => Encoding.UTF8.GetBytes(new JsonObject { ["abc"] = RandomAbc(rng) }.ToJsonString()),
            3 => Encoding.UTF8.GetBytes(new string('[', rng.Next(1, 30)) + new string('{', rng.Next(1, 30))),
            _ => Encoding.UTF8.GetBytes(MutatedCompletion(rng, post.Contains("chat", StringComparison.Ordinal)).ToJsonString()),
        };
        return new Probe(HttpMethod.Post, post, type, body);
    }

    private static JsonObject MutatedCompletion(Random rng, bool chat)
    {
        var request = chat
            ? new JsonObject { ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Write a jig." }) }
            : new JsonObject { ["prompt"] = "X:1\n" };
        request["max_tokens"] = rng.Next(1, 6);
        JsonNode?[] values =
        [
            null, true, -1, 0, 1e308, long.MaxValue, -0.5, "", RandomText(rng, 20), new JsonArray(1, "a", null), new JsonObject { ["x"] = 1 },
            new string('x', rng.Next(0, 3000)), "chatmusician", 2,
        ];
        string[] fields =
        [
            "prompt", "messages", "max_tokens", "temperature", "top_p", "top_k", "seed", "stop", "stream", "n", "model", "preset",
            "repetition_penalty", "abc_constrained", "logprobs", "stream_options", "echo", "best_of",
        ];
        for (var i = rng.Next(0, 4); i > 0; i--)
        {
            var field = fields[rng.Next(fields.Length)];
            var value = values[rng.Next(values.Length)]?.DeepClone();
            // A mutation may drop the token budget, never raise it: the fuzzer is bounded in time.
            if (field == "max_tokens" && value is JsonValue v && v.TryGetValue<double>(out var d) && d > 5)
                value = 5;
            request[field] = value;
        }
        return request;
    }

    private static string RandomAbc(Random rng)
    {
        var sb = new StringBuilder(rng.Next(2) == 0 ? "X:1\nK:C\n" : "");
        for (var i = rng.Next(1, 200); i > 0; i--)
            sb.Append(AbcPieces[rng.Next(AbcPieces.Length)]);
        return sb.ToString();
    }

    private static string RandomText(Random rng, int max) =>
        new(Enumerable.Range(0, rng.Next(0, max)).Select(_ => (char)rng.Next(1, 0x3000)).Where(c => !char.IsSurrogate(c)).ToArray());

    private static byte[] RandomBytes(Random rng)
    {
        var bytes = new byte[rng.Next(0, 4096)];
        rng.NextBytes(bytes);
        return bytes;
    }

    private static string Preview(byte[]? body) =>
        body is null ? "" : Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 80)).ReplaceLineEndings("\\n");
}
