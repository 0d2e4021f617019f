using MusicPile.Abc;

namespace MusicPile.Abc.Tests;

public sealed class RoundTripTests(ITestOutputHelper output)
{
    [Fact]
    public void Writing_then_reading_every_dataset_tune_gives_the_same_structure()
    {
        var total = 0;
        var failures = new List<string>();
        foreach (var (file, tune) in DatasetCorpus.Tunes())
        {
            total++;
            var written = AbcWriter.Write(tune);
            var again = AbcDocument.Parse(written).Tunes;
            if (again.Count != 1 || !again[0].StructurallyEquals(tune))
            {
                if (failures.Count < 5)
                    failures.Add($"{file.RelativePath} #{tune.Index}\n{written}\n{FirstDifference(tune, again.FirstOrDefault())}");
                else
                    failures.Add(file.RelativePath);
            }
        }
        output.WriteLine($"round trip: {total - failures.Count}/{total} tunes structurally equal");
        Assert.True(failures.Count == 0, $"{failures.Count} tunes differ; first:\n" + string.Join("\n----\n", failures.Take(5)));
    }

    [Fact]
    public void Written_text_is_stable_after_one_pass()
    {
        const string abc = "X:1\nT:t\nM:6/8\nL:1/8\nK:D\n|:A|\"D\"d2e f>ga|{g}f2e (3def ~g2|[1 d3 D2A:|[2 d3- d2||\n";
        var tune = AbcDocument.Parse(abc).Tunes[0];
        var once = AbcWriter.Write(tune);
        var twice = AbcWriter.Write(AbcDocument.Parse(once).Tunes[0]);
        Assert.Equal(once, twice);
        Assert.Contains("|1", once + "[1", StringComparison.Ordinal);
    }

    private static string FirstDifference(AbcTune a, AbcTune? b)
    {
        if (b is null)
            return "(no tune after writing)";
        var x = a.ToStructureString().Split('\n');
        var y = b.ToStructureString().Split('\n');
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            if (x[i] != y[i])
                return $"line {i}:\n  original: {x[i]}\n  rewritten: {y[i]}";
        }
        return $"lengths {x.Length} vs {y.Length}";
    }
}
