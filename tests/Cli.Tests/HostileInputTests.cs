using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace MusicPile.Cli.Tests;

/// <summary>A folder of hostile files is quarantined with reasons; the job succeeds and loses nothing.</summary>
public sealed class HostileInputTests
{
    [Fact]
    public async Task Hostile_files_are_quarantined_with_reasons_and_the_exit_code_is_0()
    {
        var dir = TestPaths.NewTempDir();
        var rnd = new Random(5);
        var noise = new byte[64 * 1024];
        rnd.NextBytes(noise);
        await File.WriteAllBytesAsync(Path.Combine(dir, "noise.txt"), noise);
        await File.WriteAllBytesAsync(Path.Combine(dir, "empty.txt"), []);
        await File.WriteAllBytesAsync(Path.Combine(dir, "latin.jsonl"), [.. "{\"text\":\"na"u8, 0xEF, 0xBF, .. "ve\"}\n"u8]);
        using (var ms = new MemoryStream())
        {
            using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
                gz.Write(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 500).Select(i => $"{{\"text\":\"record {i} about a slow air in D\"}}\n"))));
            await File.WriteAllBytesAsync(Path.Combine(dir, "cut.jsonl.gz"), ms.ToArray()[..(int)(ms.Length / 2)]);
        }
        await using (var big = File.Create(Path.Combine(dir, "huge-line.jsonl")))
        {
            var chunk = Encoding.ASCII.GetBytes(new string('a', 1 << 20));
            await big.WriteAsync("{\"text\":\""u8.ToArray());
            for (var i = 0; i < 50; i++)
                await big.WriteAsync(chunk);
            await big.WriteAsync("\"}\n{\"text\":\"a small record after the huge one, about a waltz\"}\n"u8.ToArray());
        }
        await File.WriteAllTextAsync(Path.Combine(dir, "fine.abc"), "X:1\nT:Fine\nM:4/4\nL:1/8\nK:G\nGABc dedB|\n");

        var home = TestPaths.NewTempDir();
        var db = await TestDatabase.CreateDatabaseAsync("hostile");
        var r = await Cli.RunAsync("ingest", dir, "--home", home, "--db", db, "--json");
        Assert.True(r.ExitCode == 0, r.StdErr);
        using var doc = JsonDocument.Parse(r.StdOut);
        var root = doc.RootElement;
        var reasons = root.GetProperty("rejects_by_reason").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.Equal(root.GetProperty("records_in").GetInt64(), root.GetProperty("kept").GetInt64() + root.GetProperty("rejected").GetInt64());
        Assert.Equal(root.GetProperty("rejected").GetInt64(), reasons.Values.Sum());
        Assert.True(reasons.ContainsKey("binary-file") || reasons.ContainsKey("invalid-utf8"), string.Join(",", reasons.Keys));
        Assert.Equal(1, reasons["empty"]);
        Assert.Equal(1, reasons["truncated-gzip"]);
        Assert.Equal(1, reasons["too-large"]);
        Assert.True(reasons.ContainsKey("invalid-utf8"));
        // The records that were fine survive next to the hostile ones: the tune, the record after the huge line, and
        // the readable half of the truncated file.
        Assert.True(root.GetProperty("kept").GetInt64() >= 3);
    }

    [Fact]
    public async Task Link_loops_in_a_source_folder_end_and_each_tune_is_ingested_once()
    {
        var dir = TestPaths.NewTempDir();
        Directory.CreateDirectory(Path.Combine(dir, "deep"));
        await File.WriteAllTextAsync(Path.Combine(dir, "one.abc"), "X:1\nT:One\nM:4/4\nL:1/8\nK:G\nGABc dedB|\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "deep", "two.abc"), "X:1\nT:Two\nM:6/8\nL:1/8\nK:D\nDFA dAF|\n");
        File.CreateSymbolicLink(Path.Combine(dir, "loop"), ".");
        File.CreateSymbolicLink(Path.Combine(dir, "deep", "back"), "..");
        File.CreateSymbolicLink(Path.Combine(dir, "self.abc"), "self.abc");
        File.CreateSymbolicLink(Path.Combine(dir, "a.abc"), "b.abc");
        File.CreateSymbolicLink(Path.Combine(dir, "b.abc"), "a.abc");
        var db = await TestDatabase.CreateDatabaseAsync("hostile_links");
        var r = await Cli.RunAsync("ingest", dir, "--home", TestPaths.NewTempDir(), "--db", db, "--json").WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(r.ExitCode == 0, r.StdErr);
        using var doc = JsonDocument.Parse(r.StdOut);
        Assert.Equal(2, doc.RootElement.GetProperty("records_in").GetInt64());
        Assert.Equal(2, doc.RootElement.GetProperty("kept").GetInt64());
    }

    [Fact]
    public async Task The_embedded_database_starts_under_a_home_with_spaces_and_never_prints_its_password()
    {
        var home = Path.Combine(TestPaths.NewTempDir(), "my music pile");
        try
        {
            var start = await Cli.RunAsync("db", "start", "--home", home, "--json");
            Assert.True(start.ExitCode == 0, start.StdErr);
            var status = await Cli.RunAsync("db", "status", "--home", home, "--json");
            Assert.True(status.ExitCode == 0, status.StdErr);
            using var doc = JsonDocument.Parse(status.StdOut);
            Assert.True(doc.RootElement.GetProperty("running").GetBoolean());
            var secret = (await File.ReadAllTextAsync(Path.Combine(home, ".pgpass"))).Trim().Split(':')[^1];
            Assert.DoesNotContain(secret, start.StdOut + start.StdErr + status.StdOut + status.StdErr, StringComparison.Ordinal);
            Assert.Contains("Passfile", doc.RootElement.GetProperty("connection").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            var stop = await Cli.RunAsync("db", "stop", "--home", home);
            Assert.True(stop.ExitCode == 0, stop.StdErr);
        }
    }
}
