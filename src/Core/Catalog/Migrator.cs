using System.Reflection;
using Dapper;
using Npgsql;

namespace MusicPile.Core.Catalog;

/// <summary>
/// Applies the numbered SQL files under <c>Catalog/Migrations</c> in order, each in its own transaction, once.
/// An advisory lock keeps two processes from migrating at the same time.
/// </summary>
public static class Migrator
{
    private const long MigrationLockKey = 0x4d75_7369_6350_696c; // "MusicPil"

    public sealed record Migration(int Number, string Name, string Sql);

    public static IReadOnlyList<Migration> All { get; } = Load();

    /// <summary>Applies pending migrations; returns the numbers applied by this call.</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@k)", new { k = MigrationLockKey }, cancellationToken: ct)).ConfigureAwait(false);
        try
        {
            await conn.ExecuteAsync(new CommandDefinition(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    number int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken: ct)).ConfigureAwait(false);
            var done = (await conn.QueryAsync<int>(new CommandDefinition("SELECT number FROM schema_migrations", cancellationToken: ct)).ConfigureAwait(false)).ToHashSet();
            var applied = new List<int>();
            foreach (var m in All.Where(m => !done.Contains(m.Number)))
            {
                await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
                await conn.ExecuteAsync(new CommandDefinition(m.Sql, transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
                await conn.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO schema_migrations (number, name) VALUES (@Number, @Name)", new { m.Number, m.Name }, tx, cancellationToken: ct)).ConfigureAwait(false);
                await tx.CommitAsync(ct).ConfigureAwait(false);
                applied.Add(m.Number);
            }
            return applied;
        }
        finally
        {
            await conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@k)", new { k = MigrationLockKey }, cancellationToken: ct)).ConfigureAwait(false);
        }
    }

    public static async Task<IReadOnlyList<int>> AppliedAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        var exists = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT to_regclass('schema_migrations') IS NOT NULL", cancellationToken: ct)).ConfigureAwait(false);
        if (!exists)
            return [];
        return (await conn.QueryAsync<int>(new CommandDefinition("SELECT number FROM schema_migrations ORDER BY number", cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    private static List<Migration> Load()
    {
        var asm = typeof(Migrator).Assembly;
        var list = new List<Migration>();
        foreach (var res in asm.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            // Resource names look like MusicPile.Core.Catalog.Migrations.0001_catalog.sql
            var file = res[(res.IndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..];
            var number = int.Parse(file.AsSpan(0, file.IndexOf('_')), System.Globalization.CultureInfo.InvariantCulture);
            using var stream = asm.GetManifestResourceStream(res)!;
            using var reader = new StreamReader(stream);
            list.Add(new Migration(number, Path.GetFileNameWithoutExtension(file), reader.ReadToEnd()));
        }
        var dupes = list.GroupBy(m => m.Number).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (dupes.Count > 0)
            throw new InvalidOperationException("duplicate migration numbers: " + string.Join(", ", dupes));
        return list.OrderBy(m => m.Number).ToList();
    }
}
