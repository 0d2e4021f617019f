using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using MusicPile.Core.Parquet;
using MusicPile.Core.Records;
using MusicPile.Train;
using Npgsql;

namespace MusicPile.Serve.Tests;

public sealed class CorpusBrowserTests
{
    [Fact]
    public async Task SearchFindsTunesByKeyMeterAndSource()
    {
        var connection = await TestDatabase.CreateDatabaseAsync("serve_corpus");
        var root = TestPaths.NewTempDir("serve-corpus");
        var shard = Path.Combine(root, "snap1", "abc-00000.parquet");
        await using (var writer = CorpusShardWriter.Create(shard))
        {
            string[] tunes = ["X:1\nL:1/8\nM:6/8\nK:G\nGAB c2d|\n", "X:1\nL:1/8\nM:4/4\nK:D\nDEFG ABcd|\n", "X:1\nL:1/8\nM:6/8\nK:Em\nEFG B2e|\n"];
            // The third id is past 2^53, where a JavaScript number would round it.
            long[] ids = [1, 2, 3524301777923461003];
            for (var i = 0; i < tunes.Length; i++)
                await writer.WriteAsync(new CorpusRecord(ids[i], tunes[i], i == 2 ? "irishman" : "nottingham", CorpusRecord.Kinds.Abc, $"sha{i}", "", "{}"), CancellationToken.None);
            await writer.WriteAsync(new CorpusRecord(9, "some music prose", "wiki", CorpusRecord.Kinds.Text, "sha9", "", "{}"), CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }
        await using (var db = NpgsqlDataSource.Create(connection))
        {
            await using var insert = db.CreateCommand("""
                INSERT INTO snapshots (id, parent, config_hash, code_version, manifest_sha256, documents, counts) VALUES ('snap1', NULL, 'c', 'v', 'm', 4, '{}');
                INSERT INTO snapshot_files (snapshot_id, path, source, sha256, rows, size_bytes) VALUES ('snap1', 'abc-00000.parquet', 'abc', 'x', 4, 1);
                """);
            await insert.ExecuteNonQueryAsync();
        }
        var dir = await TinyCheckpoint.DirectoryAsync();
        var (app, client, _) = await ServerFixture.StartAsync(new ServeOptions { CheckpointDirectory = dir, CatalogConnectionString = connection, CorpusRoot = root, Device = ComputeDevice.Cpu });
        await using var _app = app;
        using var _client = client;

        var snapshots = JsonNode.Parse(await client.GetStringAsync("/v1/corpus/snapshots"))!["data"]!.AsArray();
        Assert.Equal("snap1", (string?)snapshots.Single()!["id"]);
        var sixEight = JsonNode.Parse(await client.GetStringAsync("/v1/corpus/snapshots/snap1/tunes?meter=6/8"))!["tunes"]!.AsArray();
        Assert.All(sixEight, t => Assert.Equal(System.Text.Json.JsonValueKind.String, t!["id"]!.GetValueKind()));
        Assert.Equal(["1", "3524301777923461003"], sixEight.Select(t => (string)t!["id"]!));
        var eMinorIrish = JsonNode.Parse(await client.GetStringAsync("/v1/corpus/snapshots/snap1/tunes?key=em&source=irishman"))!["tunes"]!.AsArray();
        Assert.Equal("EFG B2e|", ((string)eMinorIrish.Single()!["text"]!).Split('\n')[4]);
        var limited = JsonNode.Parse(await client.GetStringAsync("/v1/corpus/snapshots/snap1/tunes?limit=1"))!;
        Assert.Single(limited["tunes"]!.AsArray());
        Assert.True((bool)limited["truncated"]!);
        using var missing = await client.GetAsync("/v1/corpus/snapshots/nope/tunes");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var badLimit = await client.GetAsync("/v1/corpus/snapshots/snap1/tunes?limit=abc");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }

    [Fact]
    public async Task BrowserIsOffWithoutACatalog()
    {
        var dir = await TinyCheckpoint.DirectoryAsync();
        var (app, client, _) = await ServerFixture.StartAsync(new ServeOptions { CheckpointDirectory = dir, Device = ComputeDevice.Cpu });
        await using WebApplication _app = app;
        using var _client = client;
        using var response = await client.GetAsync("/v1/corpus/snapshots");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
