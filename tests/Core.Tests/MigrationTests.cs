using Dapper;
using MusicPile.Core.Catalog;
using Npgsql;

namespace MusicPile.Core.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_apply_on_a_fresh_database_and_again_change_nothing()
    {
        var conn = await TestDatabase.CreateDatabaseAsync("migrate", migrate: false);
        await using var db = NpgsqlDataSource.Create(conn);

        var first = await Migrator.MigrateAsync(db, CancellationToken.None);
        Assert.Equal(Migrator.All.Select(m => m.Number), first);
        Assert.NotEmpty(first);

        await using var c = await db.OpenConnectionAsync();
        var tables = (await c.QueryAsync<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).ToHashSet();
        foreach (var t in new[] { "sources", "source_files", "runs", "tasks", "task_outputs", "documents", "rejects", "snapshots", "snapshot_files" })
            Assert.Contains(t, tables);
        var columnsBefore = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public'");

        var second = await Migrator.MigrateAsync(db, CancellationToken.None);
        Assert.Empty(second);
        var columnsAfter = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public'");
        Assert.Equal(columnsBefore, columnsAfter);
        Assert.Equal(Migrator.All.Count, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Concurrent_migrators_apply_each_migration_once()
    {
        var conn = await TestDatabase.CreateDatabaseAsync("migrate_race", migrate: false);
        await using var db = NpgsqlDataSource.Create(conn);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Migrator.MigrateAsync(db, CancellationToken.None)));
        Assert.Equal(Migrator.All.Count, results.Sum(r => r.Count));
    }
}
