using System.IO.Compression;
using System.Text;
using Dapper;
using MusicPile.Core.Parquet;
using MusicPile.Core.Records;

namespace MusicPile.Ingest.Tests;

public sealed class IngestStageTests
{
    private const string Pipeline = """
        name: ingest-test
        sources:
          - name: tunes
            kind: abc
            paths: ["abc/*.abc", "abc/*.abc.gz"]
          - name: records
            kind: jsonl
            paths: ["jsonl"]
          - name: docs
            kind: text
            paths: ["docs/**/*.md", "docs/*.txt"]
        stages:
          - name: ingest
            type: ingest
            options:
              max_record_bytes: 2000
        """;

    private static string WriteSources()
    {
        var dir = TestPaths.NewTempDir();
        Directory.CreateDirectory(Path.Combine(dir, "abc"));
        Directory.CreateDirectory(Path.Combine(dir, "jsonl"));
        Directory.CreateDirectory(Path.Combine(dir, "docs", "deep"));
        File.WriteAllText(Path.Combine(dir, "abc", "good.abc"),
            "%abc-2.1\nM:6/8\nL:1/8\n\nX:1\nT:One\nK:D\nDFA dfa|AFD D3|\n\nX:2\nT:Two\nK:G\nGBd gdB|AGF G3|\n\nX:3\nT:No key\nABC|\n");
        File.WriteAllBytes(Path.Combine(dir, "abc", "latin1.abc"), Encoding.Latin1.GetBytes("X:1\nT:Caf\u00e9\nM:3/4\nL:1/8\nK:C\nC2 E2 G2|c6|\n"));
        File.WriteAllBytes(Path.Combine(dir, "abc", "binary.abc"), [0, 1, 2, 3, 0, 0, 255]);
        var gz = Gzip("X:1\nT:Zipped\nM:4/4\nL:1/8\nK:A\nABcd efga|\n");
        File.WriteAllBytes(Path.Combine(dir, "abc", "zipped.abc.gz"), gz);
        File.WriteAllText(Path.Combine(dir, "jsonl", "a.jsonl"),
            "{\"id\":\"1\",\"text\":\"A waltz is a dance in three four time with a strong first beat.\"}\n" +
            "not json at all\n" +
            "\n" +
            "{\"instruction\":\"Name the key.\",\"input\":\"X:1\\nK:G\\nGAB|\",\"output\":\"G major\"}\n" +
            "{\"text\":\"" + new string('x', 3000) + "\"}\n" +
            "{\"title\":\"no text field\"}\n" +
            "{\"text\":\"Human: Write a tune. </s> Assistant: X:1\\nL:1/8\\nM:4/4\\nK:C\\nCDEF GABc|\\n </s>\"}\n");
        var longLines = Gzip(string.Concat(Enumerable.Range(0, 200).Select(i => $"{{\"text\":\"line {i} about scales and modes\"}}\n")));
        File.WriteAllBytes(Path.Combine(dir, "jsonl", "cut.jsonl.gz"), longLines[..(longLines.Length / 2)]);
        File.WriteAllBytes(Path.Combine(dir, "jsonl", "bad-utf8.jsonl"), [.. "{\"text\":\"caf"u8, 0xE9, .. " x\"}\n"u8]);
        File.WriteAllText(Path.Combine(dir, "docs", "deep", "chapter.md"), "# Cadences\n\nA perfect cadence moves from V to I.\n");
        File.WriteAllText(Path.Combine(dir, "docs", "empty.txt"), "   \n");
        return dir;
    }

    [Fact]
    public async Task Every_input_record_is_kept_or_rejected_with_its_reason_and_position()
    {
        await using var h = await PipelineHarness.CreateAsync("ingest_reasons");
        var dir = WriteSources();
        var result = await h.RunAsync(Pipeline, dir);
        var ingest = result.Stage("ingest")!;

        var kept = new List<CorpusRecord>();
        foreach (var o in ingest.Outputs.Where(o => o.Role == "data"))
            await foreach (var r in CorpusShardReader.ReadAsync(o.Path, CancellationToken.None))
                kept.Add(r);
        await using var conn = await h.Db.OpenConnectionAsync();
        var rejects = (await conn.QueryAsync<(string Reason, string Uri, string Position)>(
            "SELECT reason, source_uri, position FROM rejects WHERE run_id = @id", new { id = result.RunId })).ToList();

        Assert.Equal(ingest.Counters.RecordsIn, kept.Count + rejects.Count);
        Assert.Equal(ingest.Counters.Kept, kept.Count);
        var reasons = rejects.GroupBy(r => r.Reason).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, reasons["abc-missing-key"]);
        Assert.Equal(1, reasons["binary-file"]);
        Assert.Equal(1, reasons["invalid-json"]);
        Assert.Equal(1, reasons["too-large"]);
        Assert.Equal(1, reasons["missing-field"]);
        Assert.Equal(1, reasons["truncated-gzip"]);
        Assert.Equal(1, reasons["invalid-utf8"]);
        Assert.Equal(1, reasons["empty"]);
        var badJson = rejects.Single(r => r.Reason == "invalid-json");
        Assert.EndsWith("a.jsonl", badJson.Uri, StringComparison.Ordinal);
        Assert.Equal("line 2", badJson.Position);
        Assert.Equal("line 15", rejects.Single(r => r.Reason == "abc-missing-key").Position);

        // File headers apply to every tune; legacy encodings are repaired and counted; kinds are told apart.
        var one = kept.Single(r => r.Text.Contains("T:One", StringComparison.Ordinal));
        Assert.Contains("M:6/8", one.Text, StringComparison.Ordinal);
        Assert.Equal("abc", one.Kind);
        Assert.Contains(kept, r => r.Text.Contains("Café", StringComparison.Ordinal));
        Assert.Equal(1, ingest.Counters.Extra["repaired-encoding:cp1252"]);
        Assert.Contains(kept, r => r.Kind == "sft" && r.Text.StartsWith("Human: Name the key.", StringComparison.Ordinal));
        var chat = kept.Single(r => r.Kind == "chat");
        Assert.Contains("\"abc_blocks\":1", chat.Meta, StringComparison.Ordinal);
        Assert.Contains(kept, r => r.Text.Contains("Zipped", StringComparison.Ordinal));
        Assert.Contains(kept, r => r.Text.Contains("perfect cadence", StringComparison.Ordinal));
        Assert.True(kept.Count(r => r.Text.Contains("scales and modes", StringComparison.Ordinal)) > 10);
        Assert.Equal(kept.Count, kept.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_rerun_reads_only_new_and_changed_files_and_records_deleted_ones()
    {
        await using var h = await PipelineHarness.CreateAsync("ingest_incremental");
        var dir = WriteSources();
        var first = await h.RunAsync(Pipeline, dir);
        Assert.True(first.Stage("ingest")!.Counters.RecordsIn > 10);

        var again = await h.RunAsync(Pipeline, dir);
        Assert.Equal(0, again.Stage("ingest")!.Counters.RecordsIn);
        Assert.Equal(9, again.Stage("ingest")!.Counters.Extra["files_unchanged"]);

        File.AppendAllText(Path.Combine(dir, "abc", "good.abc"), "\nX:4\nT:Four\nK:A\nABc|\n");
        File.Delete(Path.Combine(dir, "docs", "deep", "chapter.md"));
        var third = await h.RunAsync(Pipeline, dir);
        var ingest = third.Stage("ingest")!;
        Assert.Equal(1, ingest.Counters.Extra["files"]);
        // Of the edited file only the new tune is read again; the three others (one rejected before) are carried over.
        Assert.Equal(1, ingest.Counters.RecordsIn);
        Assert.Equal(3, ingest.Counters.Extra["records_unchanged"]);
        Assert.Equal(1, ingest.Counters.Extra["files_deleted"]);
        await using var conn = await h.Db.OpenConnectionAsync();
        Assert.Equal("deleted", await conn.ExecuteScalarAsync<string>("SELECT status FROM source_files WHERE path LIKE '%chapter.md'"));
    }

    private static byte[] Gzip(string text)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal))
            gz.Write(Encoding.UTF8.GetBytes(text));
        return ms.ToArray();
    }
}
