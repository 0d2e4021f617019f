using System.Text.Json.Nodes;
using MusicPile.Serve.Web;

namespace MusicPile.Serve.Tests;

public sealed class BrowserTests(ServerFixture server, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task PageGeneratesAConstrainedTuneAndRendersItsNotes()
    {
        Prerequisite.Require(File.Exists(DevToolsPage.ChromiumPath), $"{DevToolsPage.ChromiumPath} not found: apt-get install -y chromium");
        Assert.True(StaticAssets.HasAbcjs, "the build embeds abcjs (MusicPile.Serve.csproj runs npm ci)");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var ct = timeout.Token;
        await using var page = await DevToolsPage.LaunchAsync(ct);
        await page.SendAsync("Page.enable", null, ct);
        // Anything the content security policy blocks is recorded from the first script on.
        await page.SendAsync("Page.addScriptToEvaluateOnNewDocument", new
        {
            source = "window.__blocked = []; document.addEventListener('securitypolicyviolation', e => window.__blocked.push(e.violatedDirective + ' ' + e.blockedURI));",
        }, ct);
        await page.SendAsync("Page.navigate", new { url = server.BaseUrl + "/" }, ct);
        await WaitForAsync(page, "document.readyState === 'complete' && typeof ABCJS !== 'undefined'", ct);

        await page.EvaluateAsync("""
            (() => {
              document.getElementById('prompt').value = '';
              document.getElementById('chat').checked = false;
              document.getElementById('constrained').checked = true;
              document.getElementById('preset').value = 'chatmusician';
              document.getElementById('max-tokens').value = '80';
              document.getElementById('seed').value = '4';
              document.getElementById('generate').click();
              return true;
            })()
            """, ct);
        await WaitForAsync(page, "['done', 'error', 'stopped'].includes(document.body.dataset.state)", ct);
        await WaitForAsync(page, "document.getElementById('validity').textContent !== 'no tune'", ct);
        var view = (await page.EvaluateAsync("""
            JSON.stringify({
              state: document.body.dataset.state,
              notes: document.querySelectorAll('#paper .abcjs-note').length,
              validity: document.getElementById('validity').textContent,
              abc: document.getElementById('abc').value,
              status: document.getElementById('gen-status').textContent,
            })
            """, ct))!.GetValue<string>();
        output.WriteLine(view);
        var state = JsonNode.Parse(view)!;
        Assert.Equal("done", (string?)state["state"]);
        Assert.True((int)state["notes"]! > 0, "no abcjs-note elements in the rendered SVG");
        Assert.StartsWith("valid ABC", (string?)state["validity"]);

        await page.EvaluateAsync("document.getElementById('abc').value = 'X:1\\nL:1/8\\nM:4/4\\nK:D\\nDEFG ABcd|\\n'; document.getElementById('abc').dispatchEvent(new Event('input')); true", ct);
        await WaitForAsync(page, "document.querySelectorAll('#paper .abcjs-note').length === 8", ct);
        var blocked = (await page.EvaluateAsync("JSON.stringify(window.__blocked)", ct))!.GetValue<string>();
        Assert.Equal("[]", blocked);
    }

    private static async Task WaitForAsync(DevToolsPage page, string condition, CancellationToken cancellationToken)
    {
        for (;;)
        {
            if (await page.EvaluateAsync($"!!({condition})", cancellationToken) is { } value && value.GetValue<bool>()) return;
            await Task.Delay(100, cancellationToken);
        }
    }
}
