using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace MusicPile.Cli.Tests;

/// <summary>
/// A full disk while a task writes its shard (the home on a 2 MB tmpfs): the task fails, is not marked done, nothing
/// of it is recorded, and the message says there is no space.
/// </summary>
public sealed class FullDiskCrashTests(ITestOutputHelper output)
{
    private const string Pipeline = """
        name: full-disk
        sources:
          - name: noise
            kind: jsonl
            paths: ["noise.jsonl"]
        stages:
          - { name: ingest, type: ingest, tasks: 1 }
        """;

    [Fact]
    public async Task A_full_disk_fails_the_task_with_a_no_space_message_and_leaves_it_not_done()
    {
        var root = TestPaths.NewTempDir();
        var mountPoint = Path.Combine(root, "small-disk");
        Directory.CreateDirectory(mountPoint);
        var mount = await RunAsync("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mountPoint);
        Assert.SkipWhen(mount.ExitCode != 0, $"cannot mount a size-limited tmpfs here (needs root and mount rights): {mount.Output}");
        try
        {
            var sources = Path.Combine(root, "sources");
            Directory.CreateDirectory(sources);
            await WriteNoiseAsync(Path.Combine(sources, "noise.jsonl"), documents: 3000, seed: 3);
            var pipelineFile = Path.Combine(sources, "full-disk.yaml");
            await File.WriteAllTextAsync(pipelineFile, Pipeline);
            var db = await TestDatabase.CreateDatabaseAsync("full_disk");

            var run = await Cli.RunAsync("run", pipelineFile, "--home", mountPoint, "--db", db);
            output.WriteLine(run.StdErr);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("no space", run.StdErr, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Unhandled exception", run.StdErr);

            await using var ds = NpgsqlDataSource.Create(db);
            await using var conn = await ds.OpenConnectionAsync();
            var statuses = (await conn.QueryAsync<string>("SELECT status FROM tasks")).ToList();
            Assert.NotEmpty(statuses);
            Assert.DoesNotContain("done", statuses);
            Assert.Equal(0, await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM task_outputs"));
            Assert.Equal("failed", await conn.ExecuteScalarAsync<string>("SELECT status FROM runs"));
        }
        finally
        {
            await RunAsync("umount", "-l", mountPoint);
        }
    }

    /// <summary>Text of random letters, which compresses poorly, so the shard outgrows the small disk.</summary>
    private static async Task WriteNoiseAsync(string path, int documents, int seed)
    {
        var rng = new Random(seed);
        await using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        var sb = new StringBuilder();
        for (var i = 0; i < documents; i++)
        {
            sb.Clear();
            while (sb.Length < 2000)
            {
                var len = rng.Next(2, 10);
                for (var c = 0; c < len; c++)
                    sb.Append((char)('a' + rng.Next(26)));
                sb.Append(' ');
            }
            await w.WriteLineAsync(JsonSerializer.Serialize(new { id = $"n{i}", text = sb.ToString() }));
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(psi)!;
            var o = p.StandardOutput.ReadToEndAsync();
            var e = p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            return (p.ExitCode, ((await o) + (await e)).Trim());
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
