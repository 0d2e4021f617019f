using System.CommandLine;
using MusicPile.Core.Catalog;
using MusicPile.Core.Database;

namespace MusicPile.Cli.Commands;

/// <summary><c>musicpile db start|stop|status|migrate</c>: the embedded catalog database.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var db = new Command("db", "Manage the catalog database (the embedded PostgreSQL cluster by default)");
        var start = new Command("start", "Start the embedded database and keep it running");
        start.SetAction((p, ct) => CliContext.GuardAsync(p, StartAsync, ct));
        var stop = new Command("stop", "Stop the embedded database");
        stop.SetAction((p, ct) => CliContext.GuardAsync(p, StopAsync, ct));
        var status = new Command("status", "Show whether the database runs, its version and migrations");
        status.SetAction((p, ct) => CliContext.GuardAsync(p, StatusAsync, ct));
        var migrate = new Command("migrate", "Apply pending catalog migrations");
        migrate.SetAction((p, ct) => CliContext.GuardAsync(p, MigrateAsync, ct));
        db.Subcommands.Add(start);
        db.Subcommands.Add(stop);
        db.Subcommands.Add(status);
        db.Subcommands.Add(migrate);
        return db;
    }

    private static async Task<int> StartAsync(CliContext ctx, CancellationToken ct)
    {
        if (ctx.DbConnection is not null || Environment.GetEnvironmentVariable("MUSICPILE_DB") is { Length: > 0 })
        {
            ctx.Human.WriteLine("an external database is configured; nothing to start");
            return ExitCodes.Success;
        }
        ctx.Home.EnsureCreated();
        var pg = new EmbeddedPostgres(ctx.Home);
        var started = await pg.StartAsync(ct).ConfigureAwait(false);
        await using (var catalog = await ctx.OpenCatalogAsync(ct).ConfigureAwait(false))
        {
        }
        if (ctx.Json)
            ctx.WriteJson(new { running = true, started, connection = pg.ConnectionString });
        ctx.Human.WriteLine(started ? $"started PostgreSQL at {pg.SocketDir}" : $"PostgreSQL already running at {pg.SocketDir}");
        return ExitCodes.Success;
    }

    private static async Task<int> StopAsync(CliContext ctx, CancellationToken ct)
    {
        var pg = new EmbeddedPostgres(ctx.Home);
        var wasRunning = await pg.IsRunningAsync(ct).ConfigureAwait(false);
        await pg.StopAsync(ct).ConfigureAwait(false);
        if (ctx.Json)
            ctx.WriteJson(new { running = false, stopped = wasRunning });
        ctx.Human.WriteLine(wasRunning ? "stopped PostgreSQL" : "PostgreSQL was not running");
        return ExitCodes.Success;
    }

    private static async Task<int> StatusAsync(CliContext ctx, CancellationToken ct)
    {
        var external = ctx.DbConnection ?? Environment.GetEnvironmentVariable("MUSICPILE_DB");
        bool running;
        string? version = null;
        IReadOnlyList<int> applied = [];
        string connection;
        if (string.IsNullOrEmpty(external))
        {
            var pg = new EmbeddedPostgres(ctx.Home);
            running = await pg.IsRunningAsync(ct).ConfigureAwait(false);
            version = await pg.ServerVersionAsync(ct).ConfigureAwait(false);
            connection = pg.ConnectionString;
            if (running)
            {
                await using var catalog = await ctx.OpenCatalogAsync(ct, migrate: false).ConfigureAwait(false);
                applied = await Migrator.AppliedAsync(catalog.DataSource, ct).ConfigureAwait(false);
            }
        }
        else
        {
            await using var catalog = await ctx.OpenCatalogAsync(ct, migrate: false).ConfigureAwait(false);
            await using var conn = await catalog.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            running = true;
            version = conn.PostgreSqlVersion.ToString();
            applied = await Migrator.AppliedAsync(catalog.DataSource, ct).ConfigureAwait(false);
            connection = catalog.Description;
        }
        if (ctx.Json)
            ctx.WriteJson(new { running, server_version = version, migrations_applied = applied, migrations_known = Migrator.All.Select(m => m.Number), connection });
        ctx.Human.WriteLine($"running: {(running ? "yes" : "no")}");
        ctx.Human.WriteLine($"server: {version ?? "not found"}");
        ctx.Human.WriteLine($"migrations applied: {applied.Count} of {Migrator.All.Count}");
        ctx.Human.WriteLine($"connection: {connection}");
        return ExitCodes.Success;
    }

    private static async Task<int> MigrateAsync(CliContext ctx, CancellationToken ct)
    {
        await using var catalog = await ctx.OpenCatalogAsync(ct, migrate: false).ConfigureAwait(false);
        var applied = await Migrator.MigrateAsync(catalog.DataSource, ct).ConfigureAwait(false);
        var all = await Migrator.AppliedAsync(catalog.DataSource, ct).ConfigureAwait(false);
        if (ctx.Json)
            ctx.WriteJson(new { applied_now = applied, migrations_applied = all });
        ctx.Human.WriteLine(applied.Count == 0 ? "catalog is up to date" : $"applied migrations {string.Join(", ", applied)}");
        return ExitCodes.Success;
    }
}
