using System.Globalization;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace MusicPile.Cli.Tests;

/// <summary><c>musicpile runs show</c> and the demo's summary account for every record of every stage.</summary>
public sealed class RunReportTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_stage_of_the_demo_adds_up_and_duplicates_removed_match_the_clusters()
    {
        var db = await TestDatabase.CreateDatabaseAsync("run_report");
        var home = TestPaths.NewTempDir();
        var demo = await Cli.RunAsync("demo", "--train-steps", "0", "--home", home, "--db", db, "--json");
        output.WriteLine(demo.StdErr);
        Assert.True(demo.ExitCode == 0, demo.StdErr);
        using var summary = JsonDocument.Parse(demo.StdOut);
        var run = summary.RootElement.GetProperty("run").GetInt64();

        var show = await Cli.RunAsync("runs", "show", run.ToString(CultureInfo.InvariantCulture), "--home", home, "--db", db, "--json");
        Assert.True(show.ExitCode == 0, show.StdErr);
        using var doc = JsonDocument.Parse(show.StdOut);
        var stages = doc.RootElement.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.Equal(["ingest", "normalize", "dedup", "publish"], stages.Keys);
        long? previousKept = null;
        foreach (var (name, s) in stages)
        {
            long N(string field) => s.GetProperty(field).GetInt64();
            var reasons = s.GetProperty("rejects_by_reason").EnumerateObject().Sum(p => p.Value.GetInt64());
            var byMethod = s.GetProperty("removed_by_method").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
            output.WriteLine($"{name}: in {N("records_in")} kept {N("kept")} rejected {N("rejected")} removed {N("removed")} created {N("created")} bytes {N("bytes_in")}/{N("bytes_out")}");
            Assert.Equal(N("records_in") + N("created"), N("kept") + N("rejected") + N("removed"));
            Assert.Equal(N("rejected"), reasons);
            Assert.Equal(["exact", "music", "near"], byMethod.Keys.Order());
            Assert.Equal(N("removed"), byMethod.Values.Sum());
            Assert.True(N("bytes_in") > 0, $"{name}: no bytes in");
            Assert.True(N("bytes_out") > 0, $"{name}: no bytes out");
            if (previousKept is { } kept)
                Assert.Equal(kept, N("records_in"));
            previousKept = N("kept");
        }

        var dedup = stages["dedup"];
        await using var ds = NpgsqlDataSource.Create(db);
        await using var conn = await ds.OpenConnectionAsync();
        var clusters = (await conn.QueryAsync<(string Method, long Removed)>(
            "SELECT method, sum(cardinality(members) - 1)::bigint FROM dedup_clusters WHERE run_id = @run GROUP BY method", new { run })).ToDictionary(r => r.Method, r => r.Removed);
        Assert.True(dedup.GetProperty("removed").GetInt64() > 0, "the demo plants duplicates");
        foreach (var m in dedup.GetProperty("removed_by_method").EnumerateObject())
            Assert.Equal(clusters.GetValueOrDefault(m.Name), m.Value.GetInt64());
        Assert.Equal(dedup.GetProperty("removed").GetInt64(),
            await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM documents WHERE run_id = @run AND status = 'duplicate'", new { run }));
        var published = await conn.ExecuteScalarAsync<long>("SELECT documents FROM snapshots WHERE run_id = @run", new { run });
        Assert.Equal(published, stages["publish"].GetProperty("kept").GetInt64());

        // The demo's summary counts duplicates as rejects by method, so its records add up too; its stage lines show removals.
        var root = summary.RootElement;
        Assert.Equal(root.GetProperty("records_in").GetInt64() + root.GetProperty("created").GetInt64(),
            root.GetProperty("kept").GetInt64() + root.GetProperty("rejected").GetInt64());
        Assert.Equal(published, root.GetProperty("kept").GetInt64());
        foreach (var m in dedup.GetProperty("removed_by_method").EnumerateObject())
            Assert.Equal(m.Value.GetInt64(), root.GetProperty("duplicates_removed").GetProperty(m.Name).GetInt64());
        var dedupLine = string.Create(CultureInfo.InvariantCulture, $"removed {dedup.GetProperty("removed").GetInt64(),7:N0}");
        Assert.Contains(dedupLine, demo.StdErr, StringComparison.Ordinal);

        var text = await Cli.RunAsync("runs", "show", run.ToString(CultureInfo.InvariantCulture), "--home", home, "--db", db);
        Assert.True(text.ExitCode == 0, text.StdErr);
        output.WriteLine(text.StdOut);
        var line = text.StdOut.Split('\n').Single(l => l.TrimStart().StartsWith("dedup ", StringComparison.Ordinal));
        Assert.Contains(dedupLine, line, StringComparison.Ordinal);
        Assert.DoesNotContain(" 0.00 MB", line, StringComparison.Ordinal);
        Assert.Contains("duplicate-exact", text.StdOut, StringComparison.Ordinal);
    }
}
