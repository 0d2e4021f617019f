using System.Diagnostics;
using MusicPile.Core.Database;
using MusicPile.Core.IO;
using Npgsql;

namespace MusicPile.Core.Tests;

/// <summary>
/// The embedded cluster is private: a password is required, the socket and its folder are the owner's alone, the
/// socket folder is made again when it disappears and refused when someone else made it, paths with spaces work, and
/// clusters made when local users were trusted move to passwords on their next start.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Collection(nameof(EmbeddedPostgresSecurityTests))]
[CollectionDefinition(nameof(EmbeddedPostgresSecurityTests), DisableParallelization = true)]
public sealed class EmbeddedPostgresSecurityTests
{
    private const UnixFileMode GroupOrOther = (UnixFileMode)0x3F;

    [Fact]
    public async Task A_new_cluster_needs_its_password_and_only_its_owner_can_reach_the_socket()
    {
        var pg = await StartedAsync(NewHome("new cluster"));
        try
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pg.PasswordFile));
            Assert.Equal(UnixFileStatus.EffectiveUid, UnixFileStatus.Get(pg.PasswordFile).Uid);
            Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(pg.SocketDir) & GroupOrOther);
            Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(Path.Combine(pg.SocketDir, ".s.PGSQL.5432")) & GroupOrOther);
            Assert.DoesNotContain(File.ReadLines(Path.Combine(pg.DataDir, "pg_hba.conf")), l => !l.TrimStart().StartsWith('#') && l.Contains("trust", StringComparison.Ordinal));
            Assert.DoesNotContain(File.ReadAllText(pg.PasswordFile).Split(':')[^1].Trim(), pg.ConnectionString, StringComparison.Ordinal);
            await AssertConnectsAsync(pg.ConnectionString);
            await AssertRefusedWithoutPasswordAsync(pg);
        }
        finally
        {
            await pg.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_home_with_spaces_and_a_long_path_restarts_after_its_socket_folder_is_removed()
    {
        var home = NewHome("a home with spaces " + new string('x', 70));
        var pg = await StartedAsync(home);
        Assert.StartsWith("/tmp/", pg.SocketDir, StringComparison.Ordinal);
        await pg.StopAsync(CancellationToken.None);
        // What a cleaner of /tmp does between two runs.
        Directory.Delete(pg.SocketDir, recursive: true);
        Assert.True(await pg.StartAsync(CancellationToken.None));
        try
        {
            await AssertConnectsAsync(pg.ConnectionString);
        }
        finally
        {
            await pg.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_socket_folder_that_others_can_write_or_that_another_user_owns_is_refused()
    {
        var pg = await StartedAsync(NewHome("planted"));
        await pg.StopAsync(CancellationToken.None);
        // Another user makes the folder first, as anyone can in /tmp, hoping to be the server's socket folder.
        Directory.Delete(pg.SocketDir, recursive: true);
        Directory.CreateDirectory(pg.SocketDir);
        File.SetUnixFileMode(pg.SocketDir, (UnixFileMode)0x1FF);
        var e = await Assert.ThrowsAsync<MusicPileException>(() => pg.StartAsync(CancellationToken.None));
        Assert.Contains(pg.SocketDir, e.Message, StringComparison.Ordinal);
        Assert.False(await pg.IsRunningAsync(CancellationToken.None));
        if (UnixFileStatus.EffectiveUid == 0)
        {
            File.SetUnixFileMode(pg.SocketDir, (UnixFileMode)0x1C0);
            await RunAsync("chown", "nobody", pg.SocketDir);
            e = await Assert.ThrowsAsync<MusicPileException>(() => pg.StartAsync(CancellationToken.None));
            Assert.Contains("belongs to uid", e.Message, StringComparison.Ordinal);
            Assert.False(await pg.IsRunningAsync(CancellationToken.None));
        }
    }

    [Fact]
    public async Task A_cluster_made_with_trust_moves_to_a_password_and_keeps_its_data()
    {
        var home = NewHome("trusting");
        var pg = new EmbeddedPostgres(home);
        Assert.SkipWhen(pg.BinDir is null, "no PostgreSQL binaries");
        // The cluster as earlier versions made it: trust for local users, a socket anyone can open.
        var clusterDir = Path.GetDirectoryName(pg.DataDir)!;
        Directory.CreateDirectory(clusterDir);
        Directory.CreateDirectory(pg.SocketDir);
        var runAs = UnixFileStatus.EffectiveUid == 0 ? "postgres" : null;
        if (runAs is not null)
            await RunAsync("chown", "-R", "postgres:postgres", clusterDir, pg.SocketDir);
        await RunAsAsync(runAs, Path.Combine(pg.BinDir!, "initdb"), "-D", pg.DataDir, "-U", "postgres", "--auth=trust", "--no-sync");
        await File.AppendAllTextAsync(Path.Combine(pg.DataDir, "postgresql.conf"), $"\nlisten_addresses = ''\nunix_socket_directories = '{pg.SocketDir}'\n");
        await RunAsAsync(runAs, Path.Combine(pg.BinDir!, "pg_ctl"), "start", "-D", pg.DataDir, "-w", "-l", pg.LogFile);
        var trusted = new NpgsqlConnectionStringBuilder { Host = pg.SocketDir, Username = "postgres", Database = "postgres", Pooling = false }.ConnectionString;
        await using (var conn = new NpgsqlConnection(trusted))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        await RunAsAsync(runAs, Path.Combine(pg.BinDir!, "pg_ctl"), "stop", "-D", pg.DataDir, "-w");

        Assert.True(await pg.StartAsync(CancellationToken.None));
        try
        {
            await AssertRefusedWithoutPasswordAsync(pg);
            await using var db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(pg.ConnectionString) { Database = "postgres" }.ConnectionString);
            await using var c = await db.OpenConnectionAsync();
            await using var read = new NpgsqlCommand("SELECT x FROM kept", c);
            Assert.Equal(42, await read.ExecuteScalarAsync());
            Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(pg.SocketDir) & GroupOrOther);
        }
        finally
        {
            await pg.StopAsync(CancellationToken.None);
        }
    }

    private static MusicPileHome NewHome(string name)
    {
        var home = new MusicPileHome(Path.Combine(TestPaths.NewTempDir("musicpile-pg"), name));
        home.EnsureCreated();
        return home;
    }

    private static async Task<EmbeddedPostgres> StartedAsync(MusicPileHome home)
    {
        var pg = new EmbeddedPostgres(home);
        Assert.SkipWhen(pg.BinDir is null, "no PostgreSQL binaries");
        Assert.True(await pg.StartAsync(CancellationToken.None));
        return pg;
    }

    private static async Task AssertConnectsAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT 1", conn);
        Assert.Equal(1, await cmd.ExecuteScalarAsync());
    }

    private static async Task AssertRefusedWithoutPasswordAsync(EmbeddedPostgres pg)
    {
        var wrong = Path.Combine(TestPaths.NewTempDir(), "pgpass");
        await File.WriteAllTextAsync(wrong, "*:*:*:postgres:not-the-password\n");
        foreach (var cs in new[]
        {
            new NpgsqlConnectionStringBuilder(pg.ConnectionString) { Passfile = null, Pooling = false }.ConnectionString,
            new NpgsqlConnectionStringBuilder(pg.ConnectionString) { Passfile = wrong, Pooling = false }.ConnectionString,
        })
        {
            await using var conn = new NpgsqlConnection(cs);
            var e = await Assert.ThrowsAnyAsync<Exception>(() => conn.OpenAsync());
            Assert.True(e is NpgsqlException or InvalidOperationException, e.ToString());
        }
    }

    private static Task RunAsync(string program, params string[] args) => RunAsAsync(null, program, args);

    private static async Task RunAsAsync(string? runAs, string program, params string[] args)
    {
        var psi = new ProcessStartInfo(runAs is null ? program : "runuser") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (runAs is not null)
        {
            foreach (var a in new[] { "-u", runAs, "--", program })
                psi.ArgumentList.Add(a);
        }
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"{program} {string.Join(' ', args)}: {await stderr}");
    }
}
