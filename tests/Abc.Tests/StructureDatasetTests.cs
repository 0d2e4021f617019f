using System.Diagnostics;
using System.Globalization;
using MusicPile.Abc;

namespace MusicPile.Abc.Tests;

public sealed class StructureDatasetTests(ITestOutputHelper output)
{
    [Fact]
    public void Nottingham_forms_are_mostly_two_part_dance_tunes()
    {
        var tunes = DatasetCorpus.Tunes().Where(t => t.File.Collection == "nott_clean").Select(t => t.Tune).ToList();
        var watch = Stopwatch.StartNew();
        var results = tunes.Select(t => TuneStructure.Analyze(t)).ToList();
        watch.Stop();
        var withMusic = results.Where(r => r.HasMusic).ToList();
        Assert.True(withMusic.Count > tunes.Count * 0.99, $"{withMusic.Count} of {tunes.Count} have sections");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{tunes.Count} Nottingham tunes analysed in {watch.ElapsedMilliseconds} ms ({watch.Elapsed.TotalMilliseconds / tunes.Count:F2} ms each)"));
        foreach (var g in withMusic.GroupBy(r => r.FormTerm).OrderByDescending(g => g.Count()))
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {g.Key,-22} {g.Count(),5} {100.0 * g.Count() / withMusic.Count,6:F1}%"));
        output.WriteLine("top letter forms:");
        foreach (var g in withMusic.GroupBy(r => r.LetterForm).OrderByDescending(g => g.Count()).Take(12))
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {g.Key,-12} {g.Count(),5}"));
        var motifs = withMusic.Count(r => r.TuneMotif is not null);
        var chords = withMusic.Count(r => r.ChordProgression.Chords.Count > 0);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"with a tune motif: {motifs}; with chord symbols: {chords}; mean motif length {withMusic.Where(r => r.TuneMotif is not null).Average(r => r.TuneMotif!.Length):F2}"));
        var binary = withMusic.Count(r => r.FormTerm == FormTerms.Binary);
        Assert.True(binary > withMusic.Count / 3, $"only {binary} binary tunes");
        Assert.True(chords > withMusic.Count * 0.9);
    }
}
