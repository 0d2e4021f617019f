using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace MusicPile.Serve.Tests;

public sealed class AbcEndpointTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Tune = "X:1\nL:1/8\nM:4/4\nK:G\nGABc d2B2|c2A2 G4|\n";

    [Fact]
    public async Task ValidateReportsDiagnostics()
    {
        using var good = await server.Client.PostAsync("/v1/abc/validate", new StringContent(Tune, Encoding.UTF8, "text/plain"));
        Assert.True((bool)JsonNode.Parse(await good.Content.ReadAsStringAsync())!["valid"]!);
        using var bad = await server.Client.PostAsJsonAsync("/v1/abc/validate", new { abc = "X:1\nL:1/8\n" });
        var report = JsonNode.Parse(await bad.Content.ReadAsStringAsync())!;
        Assert.False((bool)report["valid"]!);
        Assert.NotEmpty(report["diagnostics"]!.AsArray());
    }

    [Fact]
    public async Task MidiIsAStandardMidiFile()
    {
        using var response = await server.Client.PostAsync("/v1/abc/midi", new StringContent(Tune, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/midi", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("MThd"u8.ToArray(), bytes[..4]);
        using var empty = await server.Client.PostAsync("/v1/abc/midi", new StringContent("", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        using var noKey = await server.Client.PostAsync("/v1/abc/midi", new StringContent("hello", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
    }

    [Fact]
    public async Task PageAndVendoredScriptAreServed()
    {
        var html = await server.Client.GetStringAsync("/");
        Assert.Contains("/vendor/abcjs-basic-min.js", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        using var script = await server.Client.GetAsync("/app.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        using var missing = await server.Client.GetAsync("/nope.txt");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
