using MusicPile.Abc;

namespace MusicPile.Abc.Tests;

public sealed class MusicTests
{
    private const string Tune = "X:1\nT:Test\nM:6/8\nL:1/8\nK:G\n|:\"G\"GAB \"D7\"A2F|\"Em\"E^FG \"Am7\"A3:|\n";

    private static AbcTune Parse(string text) => AbcDocument.Parse(text).Tunes[0];

    [Fact]
    public void Transposition_moves_key_notes_and_chord_symbols()
    {
        var up = AbcTransposer.Transpose(Parse(Tune), 2);
        var text = AbcWriter.Write(up);
        Assert.Contains("K:A\n", text, StringComparison.Ordinal);
        Assert.Contains("\"A\"ABc", text, StringComparison.Ordinal);
        Assert.Contains("\"E7\"B2G", text, StringComparison.Ordinal);
        Assert.Contains("\"F#m\"F^GA", text, StringComparison.Ordinal);
        Assert.Contains("\"Bm7\"B3", text, StringComparison.Ordinal);
        var down = AbcWriter.Write(AbcTransposer.Transpose(Parse("X:1\nM:4/4\nL:1/4\nK:Gmin\n\"F#/C#\"^F_BGd|\n"), -1));
        Assert.Contains("K:F#min", down, StringComparison.Ordinal);
        Assert.Contains("\"E#/B#\"", down, StringComparison.Ordinal);
        Assert.Contains("^E=AFc", down, StringComparison.Ordinal);
    }

    [Fact]
    public void Transposition_keeps_sounding_pitches_shifted()
    {
        var tune = Parse("X:1\nM:4/4\nL:1/8\nK:D\nd^cBA =F^GAB|c=cBA _BAGF|\n");
        foreach (var n in new[] { -7, -3, 1, 5, 6, 11 })
        {
            var before = MidiWriter.Notes(tune).Select(x => x.Pitch + n);
            var after = MidiWriter.Notes(Parse(AbcWriter.Write(AbcTransposer.Transpose(tune, n)))).Select(x => x.Pitch);
            Assert.Equal(before, after);
        }
    }

    [Fact]
    public void Transposition_of_a_tune_with_an_unreadable_key_keeps_its_pitches()
    {
        var tune = Parse("X:1\nM:4/4\nL:1/8\nK:Es\nEFGA Bcde|[K:H] fgab c'2z2|\n");
        foreach (var n in new[] { -6, -1, 2, 4 })
        {
            var before = MidiWriter.Notes(tune).Select(x => x.Pitch + n);
            var after = MidiWriter.Notes(Parse(AbcWriter.Write(AbcTransposer.Transpose(tune, n)))).Select(x => x.Pitch);
            Assert.Equal(before, after);
        }
    }

    [Fact]
    public void Fingerprint_ignores_transposition_ornaments_and_spelling_but_not_the_melody()
    {
        var plain = Parse("X:1\nM:4/4\nL:1/8\nK:G\n|:GABc dBAG|FGAB cAFD:|\n");
        var ornamented = Parse("X:2\nT:x\nM:4/4\nL:1/16\nK:G\n|:~G2A2{c}B2!trill!c2 \"D\"d2B2A2G2||.F2G2A2B2 c2A2F2D2|]\n");
        var transposed = AbcTransposer.Transpose(plain, 5);
        var other = Parse("X:1\nM:4/4\nL:1/8\nK:G\n|:GABc dBAG|FGAB cAFE:|\n");
        var fp = MelodyFingerprint.Compute(plain);
        Assert.StartsWith("mf1:", fp, StringComparison.Ordinal);
        Assert.Equal(fp, MelodyFingerprint.Compute(ornamented));
        Assert.Equal(fp, MelodyFingerprint.Compute(transposed));
        Assert.Equal(fp, MelodyFingerprint.Compute(Parse(AbcWriter.Write(transposed))));
        Assert.NotEqual(fp, MelodyFingerprint.Compute(other));
    }

    [Fact]
    public void Fingerprints_of_dataset_tunes_are_mostly_distinct()
    {
        var tunes = DatasetCorpus.Tunes().Where(x => x.File.Collection == "nott_clean").Select(x => x.Tune).ToList();
        var distinct = tunes.Select(MelodyFingerprint.Compute).Distinct().Count();
        Assert.True(distinct > tunes.Count * 0.95, $"{distinct} distinct of {tunes.Count}");
    }
}
