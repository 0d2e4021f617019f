using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Dapper;
using MusicPile.Core.Parquet;
using MusicPile.Core.Records;
using MusicPile.Core.Text;

namespace MusicPile.Ingest.Tests;

/// <summary>
/// Sources built to hurt the reader: one enormous line, gzip in several members or cut short, link loops and links out
/// of the source, and Parquet whose metadata claims more rows than the file can hold. Each is read within bounded
/// memory and time, with the bad part rejected or skipped with its reason and the good records kept.
/// </summary>
[Collection(nameof(HostileSourceTests))]
[CollectionDefinition(nameof(HostileSourceTests), DisableParallelization = true)]
public sealed class HostileSourceTests
{
    private static string Pipeline(string kind, string paths, string options = "", long maxRecordBytes = 4096) => $$"""
        name: hostile
        sources:
          - { name: s, kind: {{kind}}, paths: [{{paths}}]{{options}} }
        stages:
          - name: ingest
            type: ingest
            options: { max_record_bytes: {{maxRecordBytes}}, incremental: false }
        """;

    [Fact]
    public async Task A_line_far_over_the_limit_is_rejected_without_being_held_and_later_lines_are_read()
    {
        var dir = TestPaths.NewTempDir();
        const int hugeBytes = 64 << 20;
        await using (var file = File.Create(Path.Combine(dir, "huge.jsonl.gz")))
        await using (var gz = new GZipStream(file, CompressionLevel.Fastest))
        {
            gz.Write("{\"text\":\"a reel before the huge line\"}\n{\"text\":\""u8);
            var chunk = Encoding.ASCII.GetBytes(new string('a', 1 << 20));
            for (var i = 0; i < hugeBytes >> 20; i++)
                gz.Write(chunk);
            gz.Write("\"}\n{\"text\":\"a jig after the huge line\"}\n"u8);
        }
        await using var h = await PipelineHarness.CreateAsync("hostile_line");
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await h.RunAsync(Pipeline("jsonl", "\"huge.jsonl.gz\""), dir, workers: 1);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        var (kept, rejects) = await OutcomeAsync(h, result);
        Assert.Equal(["a jig after the huge line", "a reel before the huge line"], kept.Select(k => k.Text).Order(StringComparer.Ordinal));
        var tooLarge = Assert.Single(rejects);
        Assert.Equal(("too-large", "line 2"), (tooLarge.Reason, tooLarge.Position));
        Assert.Contains($"{hugeBytes + 11:N0} bytes", tooLarge.Detail, StringComparison.Ordinal);
        // The line is 64 MiB; holding it even once would allocate that much.
        Assert.True(allocated < 24L << 20, $"allocated {allocated:N0} bytes while reading a {hugeBytes:N0}-byte line");
    }

    [Fact]
    public async Task Gzip_in_several_members_is_read_whole_and_gzip_cut_short_is_still_rejected()
    {
        var dir = TestPaths.NewTempDir();
        var first = Gzip(string.Concat(Enumerable.Range(0, 300).Select(i => $"{{\"text\":\"first member record {i} about a hornpipe\"}}\n")));
        var second = Gzip(string.Concat(Enumerable.Range(0, 200).Select(i => $"{{\"text\":\"second member record {i} about a polka\"}}\n")));
        Directory.CreateDirectory(Path.Combine(dir, "whole"));
        Directory.CreateDirectory(Path.Combine(dir, "cut"));
        await File.WriteAllBytesAsync(Path.Combine(dir, "whole", "two.jsonl.gz"), [.. first, .. second]);
        await File.WriteAllBytesAsync(Path.Combine(dir, "whole", "padded.jsonl.gz"), [.. second, .. new byte[512]]);
        await File.WriteAllBytesAsync(Path.Combine(dir, "cut", "second-cut.jsonl.gz"), [.. first, .. second[..(second.Length / 2)]]);
        await File.WriteAllBytesAsync(Path.Combine(dir, "cut", "trailer-cut.jsonl.gz"), [.. first, .. second[..^4]]);
        await File.WriteAllBytesAsync(Path.Combine(dir, "cut", "garbage.jsonl.gz"), [.. first, .. "not gzip"u8]);

        await using var h = await PipelineHarness.CreateAsync("hostile_gzip");
        var whole = await OutcomeAsync(h, await h.RunAsync(Pipeline("jsonl", "\"whole\""), dir));
        Assert.Empty(whole.Rejects);
        Assert.Equal(300 + 200 + 200, whole.Kept.Count);

        var cut = await OutcomeAsync(h, await h.RunAsync(Pipeline("jsonl", "\"cut\""), dir));
        Assert.Equal(3, cut.Rejects.Count(r => r.Reason == "truncated-gzip"));
        Assert.Equal(["garbage.jsonl.gz", "second-cut.jsonl.gz", "trailer-cut.jsonl.gz"],
            cut.Rejects.Where(r => r.Reason == "truncated-gzip").Select(r => Path.GetFileName(r.Uri)).Order(StringComparer.Ordinal));
        // What was readable before each cut is kept: all of the first member.
        Assert.True(cut.Kept.Count(k => k.Text.StartsWith("first member", StringComparison.Ordinal)) >= 3 * 299);
    }

    [Fact]
    public async Task Link_loops_dangling_links_and_links_out_of_the_source_are_skipped_with_a_note()
    {
        var root = TestPaths.NewTempDir();
        var src = Path.Combine(root, "src");
        var outside = Path.Combine(root, "elsewhere");
        Directory.CreateDirectory(Path.Combine(src, "sub"));
        Directory.CreateDirectory(outside);
        await File.WriteAllTextAsync(Path.Combine(src, "a.abc"), "X:1\nT:A\nK:G\nGABc|\n");
        await File.WriteAllTextAsync(Path.Combine(src, "sub", "b.abc"), "X:1\nT:B\nK:D\nDEFG|\n");
        await File.WriteAllTextAsync(Path.Combine(outside, "c.abc"), "X:1\nT:C\nK:A\nABcd|\n");
        File.CreateSymbolicLink(Path.Combine(src, "loop"), ".");
        File.CreateSymbolicLink(Path.Combine(src, "sub", "up"), "..");
        File.CreateSymbolicLink(Path.Combine(src, "self.abc"), "self.abc");
        File.CreateSymbolicLink(Path.Combine(src, "ping"), "pong");
        File.CreateSymbolicLink(Path.Combine(src, "pong"), "ping");
        File.CreateSymbolicLink(Path.Combine(src, "gone.abc"), "nowhere.abc");
        File.CreateSymbolicLink(Path.Combine(src, "out"), outside);
        File.CreateSymbolicLink(Path.Combine(src, "sub", "b-again.abc"), Path.Combine(src, "sub", "b.abc"));

        await using var h = await PipelineHarness.CreateAsync("hostile_links");
        foreach (var paths in new[] { "\"src\"", "\"src/**/*.abc\"" })
        {
            var result = await h.RunAsync(Pipeline("abc", paths, ""), root).WaitAsync(TimeSpan.FromSeconds(60));
            var (kept, _) = await OutcomeAsync(h, result);
            Assert.Equal(["T:A", "T:B"], kept.Select(k => k.Text.Split('\n')[1]).Order(StringComparer.Ordinal));
            var extra = result.Stage("ingest")!.Counters.Extra;
            Assert.Equal(1, extra.GetValueOrDefault("paths_skipped:link-outside-source"));
            Assert.Equal(1, extra.GetValueOrDefault("paths_skipped:dangling-link"));
            Assert.True(extra.GetValueOrDefault("paths_skipped:link-loop") >= 3, string.Join(", ", extra));
        }
        var followed = await h.RunAsync(Pipeline("abc", "\"src\"", ", options: { follow_links: true }"), root).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(["T:A", "T:B", "T:C"], (await OutcomeAsync(h, followed)).Kept.Select(k => k.Text.Split('\n')[1]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Parquet_claiming_more_rows_than_its_size_allows_is_rejected_before_anything_is_sized_by_it()
    {
        var dir = TestPaths.NewTempDir();
        var honest = Path.Combine(dir, "honest.parquet");
        await using (var w = CorpusShardWriter.Create(honest))
        {
            for (var i = 0; i < 300; i++)
            {
                var text = $"record {i} about a slow air";
                await w.WriteAsync(new CorpusRecord(i, text, "s", CorpusRecord.Kinds.Text, ContentHash.Of(text), "test", "{}"), CancellationToken.None);
            }
            await w.CompleteAsync(CancellationToken.None);
        }
        var lying = ClaimRows(await File.ReadAllBytesAsync(honest), 300, 1L << 28);
        await File.WriteAllBytesAsync(Path.Combine(dir, "lying.parquet"), lying);

        await using var h = await PipelineHarness.CreateAsync("hostile_parquet");
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await h.RunAsync(Pipeline("parquet", "\"lying.parquet\""), dir, workers: 1);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        var reject = Assert.Single((await OutcomeAsync(h, result)).Rejects);
        Assert.Equal(("corrupt-parquet", "row group 0"), (reject.Reason, reject.Position));
        Assert.Contains("claims 268,435,456 rows", reject.Detail, StringComparison.Ordinal);
        Assert.True(allocated < 24L << 20, $"allocated {allocated:N0} bytes for a {lying.Length:N0}-byte file");
    }

    /// <summary>Rewrites every Thrift i64 field holding <paramref name="rows"/> right after its neighbour (num_rows, num_values) in the footer.</summary>
    private static byte[] ClaimRows(byte[] file, long rows, long claimed)
    {
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(file.Length - 8));
        var footerStart = file.Length - 8 - footerLength;
        byte[] from = [0x16, .. Varint(rows << 1)];
        byte[] to = [0x16, .. Varint(claimed << 1)];
        var footer = new List<byte>();
        var replaced = 0;
        for (var i = footerStart; i < file.Length - 8;)
        {
            if (file.AsSpan(i).StartsWith(from))
            {
                footer.AddRange(to);
                i += from.Length;
                replaced++;
            }
            else
                footer.Add(file[i++]);
        }
        Assert.True(replaced >= 2, $"found the row count {replaced} time(s) in the footer");
        var length = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, footer.Count);
        return [.. file.AsSpan(0, footerStart), .. footer, .. length, .. "PAR1"u8];
    }

    private static IEnumerable<byte> Varint(long value)
    {
        var v = (ulong)value;
        while (v >= 0x80)
        {
            yield return (byte)(v | 0x80);
            v >>= 7;
        }
        yield return (byte)v;
    }

    private static async Task<(List<CorpusRecord> Kept, List<(string Reason, string Uri, string Position, string Detail)> Rejects)> OutcomeAsync(
        PipelineHarness h, Core.Pipelines.RunResult result)
    {
        var kept = new List<CorpusRecord>();
        foreach (var o in result.Stage("ingest")!.Outputs.Where(o => o.Role == "data"))
            await foreach (var r in CorpusShardReader.ReadAsync(o.Path, CancellationToken.None))
                kept.Add(r);
        await using var conn = await h.Db.OpenConnectionAsync();
        var rejects = (await conn.QueryAsync<(string, string, string, string)>(
            "SELECT reason, source_uri, position, detail FROM rejects WHERE run_id = @id", new { id = result.RunId })).ToList();
        return (kept, rejects);
    }

    private static byte[] Gzip(string text)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal))
            gz.Write(Encoding.UTF8.GetBytes(text));
        return ms.ToArray();
    }
}
