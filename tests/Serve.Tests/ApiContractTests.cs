using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace MusicPile.Serve.Tests;

public sealed class ApiContractTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task ModelsAndHealthDescribeTheLoadedModel()
    {
        var models = JsonNode.Parse(await server.Client.GetStringAsync("/v1/models"))!;
        Assert.Equal("list", (string?)models["object"]);
        Assert.Equal("tiny", (string?)models["data"]![0]!["id"]);
        using var health = await server.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task CompletionHasOpenAiShapeAndUsage()
    {
        var body = await server.PostJsonAsync("/v1/completions", new { model = "tiny", prompt = "X:1\nL:1/8\n", max_tokens = 12, temperature = 0.7, seed = 5 });
        Assert.Equal("text_completion", (string?)body["object"]);
        var choice = body["choices"]![0]!;
        Assert.NotNull((string?)choice["text"]);
        Assert.Contains((string?)choice["finish_reason"], new[] { "stop", "length" });
        var usage = body["usage"]!;
        Assert.Equal((int)usage["prompt_tokens"]! + (int)usage["completion_tokens"]!, (int)usage["total_tokens"]!);
        Assert.True((int)usage["completion_tokens"]! <= 12);
    }

    [Fact]
    public async Task SameSeedGivesSameTextAndOtherSeedsDiffer()
    {
        object Request(int seed) => new { prompt = "Human: a reel </s> Assistant: ", max_tokens = 24, temperature = 1.0, top_p = 0.95, top_k = 50, seed };
        var a = (string?)(await server.PostJsonAsync("/v1/completions", Request(1)))["choices"]![0]!["text"];
        var b = (string?)(await server.PostJsonAsync("/v1/completions", Request(1)))["choices"]![0]!["text"];
        var texts = new HashSet<string?>();
        for (var seed = 2; seed < 6; seed++)
            texts.Add((string?)(await server.PostJsonAsync("/v1/completions", Request(seed)))["choices"]![0]!["text"]);
        Assert.Equal(a, b);
        Assert.True(texts.Count > 1, "different seeds should give different samples");
    }

    [Fact]
    public async Task ChatUsesTheTemplateAndThePreset()
    {
        var body = await server.PostJsonAsync("/v1/chat/completions", new
        {
            messages = new object[]
            {
                new { role = "user", content = "Write a jig." },
                new { role = "assistant", content = "X:1\nK:G\nGAB|\n" },
                new { role = "user", content = "Another one." },
            },
            preset = "chatmusician",
            max_tokens = 10,
            seed = 3,
        });
        Assert.Equal("chat.completion", (string?)body["object"]);
        Assert.Equal("assistant", (string?)body["choices"]![0]!["message"]!["role"]);
        Assert.True((int)body["usage"]!["prompt_tokens"]! > 10);
    }

    [Fact]
    public async Task StreamingSendsEventsEndingWithDone()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new { messages = new[] { new { role = "user", content = "hi" } }, max_tokens = 16, stream = true, seed = 9 }),
        };
        using var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await SseReader.ReadAllAsync(response);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", (string?)c["object"]));
        Assert.Equal("assistant", (string?)chunks[0]["choices"]![0]!["delta"]!["role"]);
        Assert.NotNull((string?)chunks[^1]["choices"]![0]!["finish_reason"]);
        var streamed = string.Concat(chunks.Select(c => (string?)c["choices"]![0]!["delta"]!["content"] ?? ""));
        var whole = await server.PostJsonAsync("/v1/chat/completions", new { messages = new[] { new { role = "user", content = "hi" } }, max_tokens = 16, seed = 9 });
        Assert.Equal((string?)whole["choices"]![0]!["message"]!["content"], streamed);
    }

    [Fact]
    public async Task StopStringsCutTheOutput()
    {
        var free = (string)(await server.PostJsonAsync("/v1/completions", new { prompt = "X:1\n", max_tokens = 40, temperature = 0, abc_constrained = true }))["choices"]![0]!["text"]!;
        Assert.StartsWith("X:", free);
        var cut = await server.PostJsonAsync("/v1/completions", new { prompt = "X:1\n", max_tokens = 40, temperature = 0, abc_constrained = true, stop = new[] { "L:" } });
        Assert.Equal(free[..free.IndexOf("L:", StringComparison.Ordinal)], (string?)cut["choices"]![0]!["text"]);
        Assert.Equal("stop", (string?)cut["choices"]![0]!["finish_reason"]);
    }

    [Fact]
    public async Task GeneratedTuneIsReportedWithDiagnostics()
    {
        var body = await server.PostJsonAsync("/v1/completions", new { prompt = "", max_tokens = 60, abc_constrained = true, seed = 1 });
        var abc = body["choices"]![0]!["abc"]!;
        Assert.True((bool)abc["valid"]!, abc.ToJsonString());
        Assert.StartsWith("X:", (string?)abc["text"]);
    }

    [Theory]
    [InlineData("{not json", HttpStatusCode.BadRequest)]
    [InlineData("[1,2]", HttpStatusCode.BadRequest)]
    [InlineData("{\"prompt\": 5}", HttpStatusCode.BadRequest)]
    [InlineData("{}", HttpStatusCode.BadRequest)]
    [InlineData("{\"prompt\": \"a\", \"max_tokens\": \"ten\"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"prompt\": \"a\", \"max_tokens\": 1.5}", HttpStatusCode.BadRequest)]
    [InlineData("{\"prompt\": \"a\", \"max_tokens\": 100000000000000000000000}", HttpStatusCode.BadRequest)]
    [InlineData("{\"prompt\": \"a\", \"max_tokens\": 0}", HttpStatusCode.BadRequest)]
    [InlineData("{\"prompt\": \"a\", \"temperature\": -1}", HttpStatusCode.BadRequest)]
    [InlineData("{\"prompt\": \"a\", \"temperature\": \"hot\"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"prompt\": \"a\", \"top_p\": 0}", HttpStatusCode.BadRequest)]
    [InlineData("{\"prompt\": \"a\", \"top_k\": -3}", HttpStatusCode.BadRequest)]
    [InlineData("{\"prompt\": \"a\", \"repetition_penalty\": 0}", HttpStatusCode.BadRequest)]
    [InlineData("{\"prompt\": \"a\", \"stop\": 3}", HttpStatusCode.BadRequest)]
    [InlineData("{\"prompt\": \"a\", \"stream\": \"yes\"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"prompt\": \"a\", \"seed\": \"x\"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"prompt\": \"a\", \"preset\": \"fast\"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"prompt\": \"a\", \"abc_constrained\": 1}", HttpStatusCode.BadRequest)]
    [InlineData("{\"prompt\": \"a\", \"n\": 2}", HttpStatusCode.BadRequest)]
    [InlineData("{\"prompt\": \"a\", \"model\": \"gpt-4\"}", HttpStatusCode.NotFound)]
    [InlineData("{\"prompt\": [\"a\", \"b\"]}", HttpStatusCode.BadRequest)]
    public async Task BadCompletionRequestsGet4xx(string json, HttpStatusCode expected)
    {
        using var response = await server.Client.PostAsync("/v1/completions", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(expected, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.False(string.IsNullOrEmpty((string?)error["message"]));
    }

    [Theory]
    [InlineData("{\"messages\": \"hi\"}")]
    [InlineData("{\"messages\": []}")]
    [InlineData("{\"messages\": [{\"role\": \"robot\", \"content\": \"hi\"}]}")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": 7}]}")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"a\"}, {\"role\": \"assistant\", \"content\": \"b\"}]}")]
    public async Task BadChatRequestsGet400(string json)
    {
        using var response = await server.Client.PostAsync("/v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task TooLongPromptsAndBodiesAreRefused()
    {
        var prompt = string.Concat(Enumerable.Repeat("ABCDEFG abcdefg | ", 400));
        using var tooLong = await server.Client.PostAsJsonAsync("/v1/completions", new { prompt, max_tokens = 4 });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLong.StatusCode);
        // Expect: 100-continue lets the server refuse before the body is sent, so the client reads the 413 instead of a reset.
        using var hugeRequest = new HttpRequestMessage(HttpMethod.Post, "/v1/completions")
        {
            Content = new StringContent("{\"prompt\": \"" + new string('a', 2 << 20) + "\"}", Encoding.UTF8, "application/json"),
        };
        hugeRequest.Headers.ExpectContinue = true;
        using var huge = await server.Client.SendAsync(hugeRequest);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task MetricsCountRequestsTokensAndLatency()
    {
        await server.PostJsonAsync("/v1/completions", new { prompt = "X:1\n", max_tokens = 3 });
        var text = await server.Client.GetStringAsync("/metrics");
        Assert.Contains("musicpile_http_requests_total{endpoint=\"/v1/completions\",status=\"200\"}", text, StringComparison.Ordinal);
        Assert.Contains("musicpile_http_request_duration_seconds_bucket{endpoint=\"/v1/completions\",le=\"+Inf\"}", text, StringComparison.Ordinal);
        Assert.Contains("musicpile_generated_tokens_total ", text, StringComparison.Ordinal);
        Assert.Contains("musicpile_queue_depth 0", text, StringComparison.Ordinal);
        Assert.Contains("musicpile_model_ready 1", text, StringComparison.Ordinal);
    }
}
