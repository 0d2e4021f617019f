using MusicPile.Core.Catalog;
using Npgsql;

namespace MusicPile.Core.Tests;

/// <summary>A catalog that is slow is never a failed run: no client deadline on bulk work, and a server set up for bulk loads.</summary>
public sealed class BulkLoadSettingsTests
{
    [Fact]
    public async Task An_external_catalog_gets_no_command_timeout_unless_the_connection_string_sets_one()
    {
        var connection = await TestDatabase.CreateDatabaseAsync("bulk_timeout");
        var home = new MusicPileHome(TestPaths.NewTempDir());
        await using (var catalog = await CatalogConnection.OpenAsync(home, connection, CancellationToken.None))
            Assert.Equal(0, new NpgsqlConnectionStringBuilder(catalog.DataSource.ConnectionString).CommandTimeout);
        var explicitTimeout = new NpgsqlConnectionStringBuilder(connection) { CommandTimeout = 45 }.ConnectionString;
        await using (var catalog = await CatalogConnection.OpenAsync(home, explicitTimeout, CancellationToken.None))
            Assert.Equal(45, new NpgsqlConnectionStringBuilder(catalog.DataSource.ConnectionString).CommandTimeout);
    }

    [Fact]
    public async Task The_embedded_cluster_checkpoints_for_bulk_loads()
    {
        await using var db = NpgsqlDataSource.Create(await TestDatabase.CreateDatabaseAsync("bulk_wal"));
        await using var cmd = db.CreateCommand("SELECT current_setting('max_wal_size'), current_setting('checkpoint_timeout')");
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("4GB", "15min"), (reader.GetString(0), reader.GetString(1)));
    }
}
