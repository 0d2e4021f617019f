using System.Diagnostics;
using MusicPile.Abc;

namespace MusicPile.Abc.Tests;

public sealed class DatasetParseTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_tune_of_the_collections_parses()
    {
        var files = DatasetCorpus.All();
        var counts = files.GroupBy(f => f.Collection).ToDictionary(g => g.Key, g => g.Sum(f => f.Document.Tunes.Count));
        foreach (var (k, v) in counts)
            output.WriteLine($"{k}: {v} tunes");
        Assert.Equal(13_009, counts.Values.Sum());
        Assert.Equal(8_514, counts["essen"]);
        Assert.All(files.SelectMany(f => f.Document.Tunes), t => Assert.NotEmpty(t.Voices));
    }

    [Fact]
    public void Parse_and_validate_speed_is_reported()
    {
        var files = DatasetCorpus.All();
        foreach (var f in files.Take(20))
            AbcChecker.Check(f.Text, f.RelativePath);
        var sw = Stopwatch.StartNew();
        var tunes = 0;
        var diagnostics = 0;
        foreach (var f in files)
        {
            foreach (var r in AbcChecker.Check(f.Text, f.RelativePath))
            {
                tunes++;
                diagnostics += r.Diagnostics.Count;
            }
        }
        sw.Stop();
        output.WriteLine($"parse+validate: {tunes} tunes in {sw.Elapsed.TotalMilliseconds:F0} ms = {tunes / sw.Elapsed.TotalSeconds:F0} tunes/s " +
            $"({sw.Elapsed.TotalMilliseconds * 1000 / tunes:F1} us/tune), {diagnostics} diagnostics");
        Assert.Equal(13_009, tunes);
    }
}
