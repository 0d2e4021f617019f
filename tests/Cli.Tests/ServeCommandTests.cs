using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using MusicPile.Core;
using MusicPile.Core.Database;
using Npgsql;

namespace MusicPile.Cli.Tests;

/// <summary>
/// <c>musicpile serve</c> as a process: SIGTERM and SIGINT stop it within ten seconds with the embedded database it
/// started, and a catalog given with <c>--db</c> and a password keeps working in the corpus browser.
/// </summary>
public sealed class ServeCommandTests
{
    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_signal_stops_the_server_and_its_embedded_database_within_ten_seconds(string signal)
    {
        var home = TestPaths.NewTempDir();
        var (process, client) = await StartAsync("--home", home);
        using var _ = process;
        using var __ = client;
        var pg = new EmbeddedPostgres(new MusicPileHome(home));
        try
        {
            Assert.SkipWhen(signal == "INT" && IgnoresSigint(process.Id), "SIGINT is ignored in this environment (a background job of a shell)");
            Assert.True(await pg.IsRunningAsync(CancellationToken.None));
            var clock = Stopwatch.StartNew();
            await SendAsync(signal, process.Id);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            Assert.True(process.HasExited, $"serve still running {clock.Elapsed.TotalSeconds:F0}s after SIG{signal}");
            Assert.Equal(0, process.ExitCode);
            Assert.False(await pg.IsRunningAsync(CancellationToken.None), "the embedded database was left running");
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            await pg.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_corpus_browser_keeps_the_password_of_a_db_connection_string()
    {
        var passfileConnection = new NpgsqlConnectionStringBuilder(await TestDatabase.CreateDatabaseAsync("serve_password"));
        // The same server reached with the password written in the connection string, as --db users do.
        var withPassword = new NpgsqlConnectionStringBuilder(passfileConnection.ConnectionString)
        {
            Password = (await File.ReadAllTextAsync(passfileConnection.Passfile!)).Trim().Split(':')[^1],
            Passfile = null,
        };
        var (process, client) = await StartAsync("--home", TestPaths.NewTempDir(), "--db", withPassword.ConnectionString);
        using var _ = process;
        using var __ = client;
        try
        {
            using var response = await client.GetAsync("/v1/corpus/snapshots");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
            Assert.NotNull(JsonNode.Parse(body)!["data"]!.AsArray());
        }
        finally
        {
            await SendAsync("TERM", process.Id);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>Starts <c>musicpile serve</c> on a free loopback port with a checkpoint folder that holds only a config (the model fails to load; the server runs on).</summary>
    private static async Task<(Process Process, HttpClient Client)> StartAsync(params string[] args)
    {
        var checkpoint = TestPaths.NewTempDir();
        await File.WriteAllTextAsync(Path.Combine(checkpoint, "config.json"), "{}");
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var url = $"http://127.0.0.1:{port}";
        var process = Process.Start(Cli.StartInfo(["serve", "--checkpoint", checkpoint, "--urls", url, .. args]))!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        for (var i = 0; i < 600 && !process.HasExited; i++)
        {
            try
            {
                using var health = await client.GetAsync("/health");
                return (process, client);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("serve did not start listening");
    }

    private static async Task SendAsync(string signal, int pid)
    {
        using var kill = Process.Start("kill", ["-s", signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }

    private static bool IgnoresSigint(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line[7..].Trim(), 16) & 2) != 0;
    }
}
