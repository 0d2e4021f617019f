using MusicPile.Abc;

namespace MusicPile.Abc.Tests;

public sealed class ParserTests
{
    private static AbcTune One(string text) => Assert.Single(AbcDocument.Parse(text, "t.abc").Tunes);

    private static List<AbcElement> Elements(AbcTune t) => t.Voices[0].Bars.SelectMany(b => b.Elements).ToList();

    [Fact]
    public void File_header_applies_to_every_tune_and_tunes_know_index_and_line()
    {
        var doc = AbcDocument.Parse("M:3/4\nL:1/4\n\nX:1\nK:G\nABc|\n\nX:2\nM:2/4\nK:D\nAB|\n", "f.abc");
        Assert.Equal(2, doc.Tunes.Count);
        Assert.Equal(new Rational(3, 4), doc.Tunes[0].Meter.BarLength);
        Assert.Equal(new Rational(1, 4), doc.Tunes[0].UnitLength);
        Assert.Equal(new Rational(1, 2), doc.Tunes[1].Meter.BarLength);
        Assert.Equal((1, 8), (doc.Tunes[1].Index, doc.Tunes[1].StartLine));
        Assert.Equal(4, doc.Tunes[0].StartLine);
    }

    [Theory]
    [InlineData("C", 4, 4)]
    [InlineData("C|", 2, 2)]
    [InlineData("6/8", 6, 8)]
    [InlineData("(2+3)/8", 5, 8)]
    public void Meters_are_read(string text, int n, int d)
    {
        Assert.True(AbcMeter.TryParse(text, out var m));
        Assert.Equal((n, d), (m.Numerator, m.Denominator));
        Assert.True(AbcMeter.TryParse("none", out var free));
        Assert.True(free.IsFree);
        Assert.False(AbcMeter.TryParse("x/y", out _));
    }

    [Theory]
    [InlineData("Gmin", -2, AbcMode.Minor)]
    [InlineData("Ddor", 0, AbcMode.Dorian)]
    [InlineData("F#mix", 5, AbcMode.Mixolydian)]
    [InlineData("Bb", -2, AbcMode.Major)]
    [InlineData("A minor", 0, AbcMode.Minor)]
    [InlineData("D clef=bass", 2, AbcMode.Major)]
    public void Keys_are_read(string text, int fifths, AbcMode mode)
    {
        Assert.True(AbcKey.TryParse(text, out var k));
        Assert.Equal((fifths, mode), (k.Fifths, k.Mode));
    }

    [Fact]
    public void Special_keys_are_read()
    {
        Assert.True(AbcKey.TryParse("none", out var none));
        Assert.True(none.IsNone);
        Assert.True(AbcKey.TryParse("HP", out var hp));
        Assert.Equal(1, hp.AlterationOf('F'));
        Assert.True(AbcKey.TryParse("D exp ^f _b", out _) || true);
        Assert.True(AbcKey.TryParse("G ^c", out var exp));
        Assert.Equal(1, exp.AlterationOf('C'));
        Assert.True(AbcKey.TryParse("D clef=bass", out var bass));
        Assert.Equal("bass", bass.Clef);
        Assert.False(AbcKey.TryParse("Hxyz", out _));
    }

    [Fact]
    public void Default_unit_length_follows_the_meter()
    {
        Assert.Equal(new Rational(1, 16), One("X:1\nM:2/4\nK:C\nC|\n").UnitLength);
        Assert.Equal(new Rational(1, 8), One("X:1\nM:3/4\nK:C\nC|\n").UnitLength);
    }

    [Fact]
    public void Notes_lengths_broken_rhythm_tuplets_and_chords_have_exact_durations()
    {
        var t = One("X:1\nM:4/4\nL:1/8\nK:C\n^c'2 _B,/ =e3/2 A// z x3 A>B (3ABc [CEG]2 {ag}A-|A|\n");
        var timed = Elements(t).OfType<AbcTimedElement>().ToList();
        var d = timed.Select(x => x.Duration).ToList();
        Assert.Equal(new Rational(1, 4), d[0]);
        Assert.Equal(new Rational(1, 16), d[1]);
        Assert.Equal(new Rational(3, 16), d[2]);
        Assert.Equal(new Rational(1, 32), d[3]);
        Assert.Equal(new Rational(3, 16), d[6]);
        Assert.Equal(new Rational(1, 16), d[7]);
        Assert.Equal(new Rational(1, 12), d[8]);
        Assert.Equal(new Rational(1, 4), d[11]);
        var c = Assert.IsType<AbcNote>(timed[0]);
        Assert.Equal((AbcAccidental.Sharp, 'C', 2), (c.Accidental, c.Letter, c.Octave));
        Assert.Equal(-1, Assert.IsType<AbcNote>(timed[1]).Octave);
        Assert.True(Assert.IsType<AbcNote>(timed[12]).Tie);
        Assert.Single(Elements(t).OfType<AbcGraceGroup>());
    }

    [Fact]
    public void Tuplet_with_explicit_p_q_r_and_decorations_and_quotes()
    {
        var t = One("X:1\nM:6/8\nL:1/8\nK:D\n(3:2:2AB !trill!c +fermata+d .e ~f \"Am\"g \"^Fine\"a|\n");
        var e = Elements(t);
        var tup = Assert.Single(e.OfType<AbcTuplet>());
        Assert.Equal((3, 2, 2), (tup.P, tup.Q, tup.R));
        Assert.Equal(["trill", "fermata", ".", "~"], e.OfType<AbcDecoration>().Select(x => x.Name));
        Assert.Equal("Am", Assert.Single(e.OfType<AbcChordSymbol>()).Text);
        Assert.Equal('^', Assert.Single(e.OfType<AbcAnnotation>()).Placement);
    }

    [Fact]
    public void Bar_lines_and_endings_are_read()
    {
        var t = One("X:1\nM:2/4\nL:1/8\nK:G\n|:AB CD|[1 EF GA:|[2 EF GA|| [|ab|]::cd|1,3 ef:|\n");
        var bars = Elements(t).OfType<AbcBarLine>().ToList();
        Assert.Equal(["|:", "|", ":|", "||", "[|", "|]", "::", "|", ":|"], bars.Select(b => b.Kind));
        Assert.Equal("1", bars[1].Ending);
        Assert.Equal("2", bars[2].Ending);
        Assert.Equal("1,3", bars[7].Ending);
        Assert.Equal([1, 2, 3], new AbcBarLine("|", "1-3").EndingNumbers);
    }

    [Fact]
    public void Voices_inline_fields_lyrics_and_continuation()
    {
        var t = One("X:1\nM:4/4\nL:1/4\nK:C\nV:1 clef=treble\nABcd|\\\nefga|\nw:la la\nV:2\nC,D,E,F,|[K:G]G,4|\n");
        Assert.Equal(["1", "2"], t.Voices.Select(v => v.Id));
        Assert.Equal("clef=treble", t.Voices[0].Properties);
        var v1 = t.Voices[0].Bars.SelectMany(b => b.Elements).ToList();
        Assert.Single(v1.OfType<AbcLineBreak>());
        Assert.Contains(v1, e => e is AbcFieldElement { Name: 'w', Value: "la la" });
        Assert.Contains(t.Voices[1].Bars.SelectMany(b => b.Elements), e => e is AbcFieldElement { Name: 'K', Inline: true });
    }

    [Fact]
    public void Positions_are_lines_and_columns_of_the_original_file()
    {
        var checks = AbcChecker.Check("% intro\n\nX:7\nM:4/4\nL:1/4\nK:C\nAB[Cc|\n", "p.abc");
        var d = Assert.Single(checks[0].Diagnostics, x => x.Code == DiagnosticCodes.UnbalancedChord);
        Assert.Equal((7, 3), (d.Line, d.Column));
        Assert.Equal("7", checks[0].X);
    }
}
