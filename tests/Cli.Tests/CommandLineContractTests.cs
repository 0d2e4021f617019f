using System.Text.Json;

namespace MusicPile.Cli.Tests;

public sealed class CommandLineContractTests
{
    [Fact]
    public async Task Abc_check_json_has_the_contract_fields_and_exit_code_1_for_an_unusable_tune()
    {
        var dir = TestPaths.NewTempDir();
        var file = Path.Combine(dir, "two.abc");
        await File.WriteAllTextAsync(file, "X:1\nT:Fine\nM:4/4\nL:1/4\nK:C\nCDEF|GABc|\n\nX:7\nT:Broken\nM:4/4\nCDE|\n");
        var r = await Cli.RunAsync("abc", "check", file, "--json");
        Assert.Equal(1, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StdOut);
        var tunes = doc.RootElement.GetProperty("tunes");
        Assert.Equal(2, tunes.GetArrayLength());
        var broken = tunes[1];
        Assert.Equal(file, broken.GetProperty("file").GetString());
        Assert.Equal(1, broken.GetProperty("index").GetInt32());
        Assert.Equal("7", broken.GetProperty("x").GetString());
        Assert.True(broken.GetProperty("fatal").GetBoolean());
        var d = broken.GetProperty("diagnostics")[0];
        Assert.Equal("missing-key", d.GetProperty("code").GetString());
        Assert.Equal("fatal", d.GetProperty("severity").GetString());
        Assert.True(d.GetProperty("line").GetInt32() >= 8);
        Assert.True(d.TryGetProperty("column", out _));
        Assert.True(d.TryGetProperty("message", out _));
        var summary = doc.RootElement.GetProperty("summary");
        Assert.Equal(2, summary.GetProperty("tunes").GetInt32());
        Assert.Equal(1, summary.GetProperty("fatal").GetInt32());
        Assert.True(summary.TryGetProperty("warnings", out _));
    }

    [Fact]
    public async Task Bad_usage_and_bad_input_exit_with_2_and_a_one_line_reason_naming_the_file()
    {
        var missing = await Cli.RunAsync("run", "/nonexistent/nightly.yaml", "--home", TestPaths.NewTempDir());
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("/nonexistent/nightly.yaml", missing.StdErr, StringComparison.Ordinal);

        var dir = TestPaths.NewTempDir();
        var bad = Path.Combine(dir, "bad.yaml");
        await File.WriteAllTextAsync(bad, "name: x\nstages:\n  - name: ingest\n    tasks: [1, 2\n");
        var r = await Cli.RunAsync("run", bad, "--home", dir);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.StdErr.Trim().Split('\n'));
        Assert.Contains(bad + ":", r.StdErr, StringComparison.Ordinal);

        var unknown = await Cli.RunAsync("frobnicate");
        Assert.Equal(2, unknown.ExitCode);
    }

    [Fact]
    public async Task Db_start_status_stop_manage_the_embedded_cluster_under_the_home()
    {
        var home = TestPaths.NewTempDir("musicpile-cli-db");
        try
        {
            var start = await Cli.RunAsync("db", "start", "--home", home);
            Assert.True(start.ExitCode == 0, start.StdErr);
            var status = await Cli.RunAsync("db", "status", "--home", home, "--json");
            Assert.Equal(0, status.ExitCode);
            using (var doc = JsonDocument.Parse(status.StdOut))
            {
                Assert.True(doc.RootElement.GetProperty("running").GetBoolean());
                Assert.Contains("PostgreSQL", doc.RootElement.GetProperty("server_version").GetString(), StringComparison.Ordinal);
                Assert.True(doc.RootElement.GetProperty("migrations_applied").GetArrayLength() >= 3);
                Assert.True(doc.RootElement.TryGetProperty("connection", out _));
            }
            Assert.True(File.Exists(Path.Combine(home, "pg", "data", "PG_VERSION")));
        }
        finally
        {
            var stop = await Cli.RunAsync("db", "stop", "--home", home);
            Assert.Equal(0, stop.ExitCode);
        }
        var after = await Cli.RunAsync("db", "status", "--home", home, "--json");
        using var d2 = JsonDocument.Parse(after.StdOut);
        Assert.False(d2.RootElement.GetProperty("running").GetBoolean());
    }
}
