using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MusicPile.Serve.Web;

namespace MusicPile.Serve.Tests;

/// <summary>
/// Requests built to hurt the server: ABC that multiplies into a huge MIDI file or a flood of diagnostics, too many
/// ABC requests at once, bodies of the wrong type, a foreign Host header, and failures whose text must not leak.
/// </summary>
public sealed class HostileApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>A part of 2,000 bars in one repeat, played 256 times by <c>P:</c>: about eight million notes.</summary>
    private static readonly string Multiplied = "X:1\nT:Many times over\nM:4/4\nL:1/8\nP:A256\nK:C\nP:A\n|:" +
        string.Concat(Enumerable.Range(0, 2000).Select(i => i % 8 == 7 ? "CDEF GABc|\n" : "CDEF GABc|")) + ":|\n";

    [Fact]
    public async Task Midi_of_a_tune_that_multiplies_is_refused_with_422_quickly()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var response = await server.Client.PostAsync("/v1/abc/midi", new StringContent(Multiplied, Encoding.UTF8, "text/plain"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("midi_too_large", (string?)JsonNode.Parse(body)!["error"]!["code"]);
        Assert.Contains("100,000 notes", body, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Validate_lists_at_most_a_hundred_diagnostics_and_gives_the_total()
    {
        var abc = "X:1\nK:C\n" + new string('[', 200_000);
        using var response = await server.Client.PostAsync("/v1/abc/validate", new StringContent(abc, Encoding.UTF8, "text/plain"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = JsonNode.Parse(body)!;
        Assert.Equal(100, report["diagnostics"]!.AsArray().Count);
        Assert.True((int)report["diagnostic_count"]! > 100_000);
        Assert.True((bool)report["diagnostics_truncated"]!);
        Assert.False((bool)report["valid"]!);
        Assert.True(body.Length < abc.Length + 100_000, $"{body.Length:N0} characters of JSON");
    }

    [Fact]
    public async Task Abc_text_over_its_limit_gets_413()
    {
        var abc = "X:1\nK:C\n" + string.Concat(Enumerable.Repeat("CDEF GABc|\n", 30_000));
        using var response = await server.Client.PostAsync("/v1/abc/validate", new StringContent(abc, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var json = await server.Client.PostAsync("/v1/abc/midi", new StringContent(new JsonObject { ["abc"] = abc }.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, json.StatusCode);
    }

    [Theory]
    [InlineData("/v1/completions", "text/plain")]
    [InlineData("/v1/chat/completions", "application/x-www-form-urlencoded")]
    [InlineData("/v1/completions", null)]
    public async Task Json_endpoints_refuse_other_bodies_with_415(string path, string? type)
    {
        var content = new ByteArrayContent("{\"prompt\": \"X:1\", \"max_tokens\": 2}"u8.ToArray());
        if (type is not null)
            content.Headers.ContentType = new MediaTypeHeaderValue(type);
        using var response = await server.Client.PostAsync(path, content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("unsupported_media_type", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]);
    }

    [Theory]
    [InlineData("evil.example", HttpStatusCode.BadRequest)]
    [InlineData("rebound.attacker.test:80", HttpStatusCode.BadRequest)]
    [InlineData("localhost", HttpStatusCode.OK)]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    public async Task Only_local_and_bound_host_names_are_answered(string host, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Host = host;
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers_and_the_page_its_policy()
    {
        foreach (var path in new[] { "/", "/health", "/app.js", "/v1/models" })
        {
            using var response = await server.Client.GetAsync(path);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Contains("script-src 'self'", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Abc_requests_past_the_concurrency_limit_get_429_and_the_rest_are_served()
    {
        var dir = await TinyCheckpoint.DirectoryAsync();
        var (app, client, _) = await ServerFixture.StartAsync(new ServeOptions { CheckpointDirectory = dir, Device = MusicPile.Train.ComputeDevice.Cpu, AbcConcurrency = 1 });
        await using var _app = app;
        using var _client = client;
        var slow = "X:1\nK:C\n" + new string('[', 200_000);
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            client.PostAsync("/v1/abc/validate", new StringContent(slow, Encoding.UTF8, "text/plain"))));
        var codes = responses.Select(r => r.StatusCode).ToList();
        foreach (var r in responses)
            r.Dispose();
        Assert.Contains(HttpStatusCode.TooManyRequests, codes);
        Assert.Contains(HttpStatusCode.OK, codes);
        Assert.All(codes, c => Assert.True(c is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, c.ToString()));
        using var after = await client.PostAsync("/v1/abc/validate", new StringContent("X:1\nK:C\nCDE|\n", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_failure_answers_500_without_its_details()
    {
        var dir = await TinyCheckpoint.DirectoryAsync();
        const string secret = "secret-db-path-7f3a";
        var (app, client, _) = await ServerFixture.StartAsync(new ServeOptions
        {
            CheckpointDirectory = dir,
            Device = MusicPile.Train.ComputeDevice.Cpu,
            CatalogConnectionString = $"Host=/nonexistent/{secret};Username=nobody;Password={secret};Timeout=2",
        });
        await using var _app = app;
        using var _client = client;
        using var response = await client.GetAsync("/v1/corpus/snapshots");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("nonexistent", body, StringComparison.Ordinal);
        Assert.Equal("internal_error", (string?)JsonNode.Parse(body)!["error"]!["code"]);
    }
}
