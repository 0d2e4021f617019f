using System.Security.Cryptography;
using System.Text;
using DuckDB.NET.Data;
using MusicPile.Core.Parquet;
using MusicPile.Core.Records;
using MusicPile.Core.Text;

namespace MusicPile.Core.Tests;

public sealed class CorpusShardTests
{
    private static List<CorpusRecord> MakeRecords(int n)
    {
        var rnd = new Random(42);
        var list = new List<CorpusRecord>();
        for (var i = 0; i < n; i++)
        {
            var text = i % 7 == 0 ? "" : $"X:1\nL:1/8\nM:6/8\nK:D\n{new string('A', rnd.Next(1, 40))}|ü \"naïve\" {i}\n";
            list.Add(new CorpusRecord(i * 3L - 5, text, i % 2 == 0 ? "abc-src" : "text-src", i % 3 == 0 ? "abc" : "text",
                ContentHash.Of(text), $"file:///data/f{i % 5}.abc", $"{{\"n\":{i}}}"));
        }
        return list;
    }

    [Fact]
    public async Task Round_trip_is_read_back_identically_by_an_independent_reader()
    {
        var dir = TestPaths.NewTempDir();
        var path = Path.Combine(dir, "part-00000.parquet");
        var records = MakeRecords(2500);
        await using (var w = CorpusShardWriter.Create(path, new ShardOptions { RowGroupRows = 1000 }))
        {
            foreach (var r in records)
                await w.WriteAsync(r, CancellationToken.None);
            await w.CompleteAsync(CancellationToken.None);
        }
        Assert.False(File.Exists(path + ".tmp"));

        // Our own reader
        var back = new List<CorpusRecord>();
        await foreach (var r in CorpusShardReader.ReadAsync(path, CancellationToken.None))
            back.Add(r);
        Assert.Equal(records, back);

        // DuckDB, a second Parquet implementation: same rows, same column checksums, 3 row groups.
        using var duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        using var cmd = duck.CreateCommand();
        cmd.CommandText = $"SELECT id, text, src, kind, sha256, source_uri, meta FROM read_parquet('{path}') ORDER BY id";
        using var reader = cmd.ExecuteReader();
        var duckRows = new List<CorpusRecord>();
        while (reader.Read())
        {
            duckRows.Add(new CorpusRecord(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetString(6)));
        }
        Assert.Equal(records.OrderBy(r => r.Id), duckRows);
        Assert.Equal(Checksum(records.Select(r => r.Text)), Checksum(duckRows.OrderBy(r => r.Id).Select(r => r.Text)));

        using var meta = duck.CreateCommand();
        meta.CommandText = $"SELECT count(DISTINCT row_group_id), min(compression) FROM parquet_metadata('{path}')";
        using var mr = meta.ExecuteReader();
        Assert.True(mr.Read());
        Assert.Equal(3L, Convert.ToInt64(mr.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("ZSTD", mr.GetString(1));
    }

    [Fact]
    public async Task Shards_with_only_musicpile_columns_read_with_defaults()
    {
        var dir = TestPaths.NewTempDir();
        var path = Path.Combine(dir, "musicpile.parquet");
        using (var duck = new DuckDBConnection("Data Source=:memory:"))
        {
            duck.Open();
            using var cmd = duck.CreateCommand();
            cmd.CommandText = $"COPY (SELECT 7::BIGINT AS id, 'hello music' AS text, 'wiki' AS src) TO '{path}' (FORMAT PARQUET)";
            cmd.ExecuteNonQuery();
        }
        var rows = new List<CorpusRecord>();
        await foreach (var r in CorpusShardReader.ReadAsync(path, CancellationToken.None))
            rows.Add(r);
        var row = Assert.Single(rows);
        Assert.Equal(7, row.Id);
        Assert.Equal("hello music", row.Text);
        Assert.Equal(ContentHash.Of("hello music"), row.Sha256);
    }

    [Fact]
    public async Task An_abandoned_writer_leaves_no_file()
    {
        var dir = TestPaths.NewTempDir();
        var path = Path.Combine(dir, "part-00001.parquet");
        await using (var w = CorpusShardWriter.Create(path, new ShardOptions { RowGroupRows = 10 }))
        {
            foreach (var r in MakeRecords(35))
                await w.WriteAsync(r, CancellationToken.None);
        }
        Assert.Empty(Directory.GetFiles(dir));
    }

    private static string Checksum(IEnumerable<string> values)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var v in values)
        {
            h.AppendData(Encoding.UTF8.GetBytes(v));
            h.AppendData([0]);
        }
        return Convert.ToHexString(h.GetHashAndReset());
    }
}
