using MusicPile.Abc;

namespace MusicPile.Abc.Tests;

public sealed class StructureTests
{
    private static TuneStructureResult Analyze(string body, string meter = "4/4") =>
        TuneStructure.Analyze(AbcDocument.ParseTune($"X:1\nM:{meter}\nL:1/8\nK:G\n{body}\n")!);

    private const string PartA1 = "GABc dBGB|c2ec BGGB|AGAB cBAG|FGAF D4";
    private const string PartB1 = "d2gd BdgB|e2ge cegc|d2fd AdfA|g2fg b4";
    private const string PartC1 = "E,F,G,A, B,CDE|F,2A,2 C2E2|G,A,B,C DEFG|C8";

    [Fact]
    public void Two_repeated_parts_are_AABB_binary()
    {
        var s = Analyze($"d|:{PartA1}:|\n|:{PartB1}:|");
        Assert.Equal("AABB", s.LetterForm);
        Assert.Equal(FormTerms.Binary, s.FormTerm);
        Assert.Equal(2, s.Sections.Count);
        Assert.All(s.Sections, x => Assert.True(x.Repeated));
        Assert.Equal(1, s.Sections[0].FirstBar);
        Assert.Equal(4, s.Sections[0].BarCount);
    }

    [Fact]
    public void A_return_after_a_contrast_is_ABA_ternary()
    {
        var s = Analyze($"{PartA1}||{PartB1}||{PartA1}|]");
        Assert.Equal("ABA", s.LetterForm);
        Assert.Equal(FormTerms.Ternary, s.FormTerm);
        Assert.Equal(0, s.Sections[2].MatchedSection);
        Assert.Equal(10, s.Sections[2].Similarity);
    }

    [Fact]
    public void A_changed_section_gets_a_prime_and_a_different_one_a_new_letter()
    {
        // Six of twenty-five notes changed: similarity 7.6, a variation.
        const string partB2 = "c2gd BdgA|f2ge cegc|d2fd AdfA|a2ga b4";
        var s = Analyze($"{PartA1}||{PartB1}||{partB2}||{PartC1}|]");
        Assert.Equal("ABB'C", s.LetterForm);
        Assert.Equal("A B B' C", s.SpacedLetterForm);
        Assert.InRange(s.Sections[2].Similarity, 6, 7.99);
        Assert.Equal(FormTerms.ThroughComposed, s.FormTerm);
    }

    [Fact]
    public void Endings_stay_in_their_section()
    {
        var s = Analyze($"|:GABc dBGB|c2ec BGGB|1 AGAB cBAG:|2 FGAF D4||{PartB1}|]");
        Assert.Equal("AAB", s.LetterForm);
        Assert.Equal(4, s.Sections[0].BarCount);
    }

    [Theory]
    [InlineData("A", FormTerms.OnePart)]
    [InlineData("AAA", FormTerms.Strophic)]
    [InlineData("AA'A''", FormTerms.ThemeAndVariations)]
    [InlineData("AABB", FormTerms.Binary)]
    [InlineData("AAB'B", FormTerms.Binary)]
    [InlineData("AABA", FormTerms.Ternary)]
    [InlineData("ABCA", FormTerms.Ternary)]
    [InlineData("ABCBA", FormTerms.Arch)]
    [InlineData("ABACA", FormTerms.Rondo)]
    [InlineData("ABACABA", FormTerms.Rondo)]
    [InlineData("ABAB", FormTerms.VerseChorus)]
    [InlineData("ABCB", FormTerms.VerseChorus)]
    [InlineData("ABCD", FormTerms.ThroughComposed)]
    [InlineData("ABCAB", FormTerms.Compound)]
    public void Letter_forms_map_to_terms(string form, string term) => Assert.Equal(term, FormTerms.Classify(form));

    [Fact]
    public void A_planted_figure_is_the_motif()
    {
        var s = Analyze("defga CEG|defga FAc|B,defga GB||");
        var m = Assert.Single(s.Motifs);
        Assert.Equal("d e f g a", m.Notes);
        Assert.Equal(5, m.Length);
        Assert.Equal(3, m.Occurrences);
        Assert.Equal("d e f g a", s.TuneMotif!.Notes);
    }

    [Fact]
    public void Motifs_ignore_chord_symbols_decorations_and_grace_notes_and_keep_lengths()
    {
        var s = Analyze("\"G\"d2 ~e f/g/ A|\"D\"{a}d2 e !trill!f/g/ B|\"^x\"d2 e f/g/ c||");
        Assert.Equal("d2 e f/ g/", s.Motifs[0].Notes);
        Assert.Equal(3, s.Motifs[0].Occurrences);
    }

    [Fact]
    public void Chord_progression_reads_symbols_in_order_and_merges_repeats()
    {
        var s = Analyze("\"G\"GABc \"D7\"dBGB|\"G\"c2ec \"C\"BGGB|\"C\"AGAB cBAG|\"^Fine\"FGAF D4|]");
        Assert.Equal(["G", "D7", "G", "C"], s.ChordProgression.Chords);
        Assert.Equal("| G D7 | G C | C |", s.ChordProgression.ToBarText());
        Assert.Equal(3, s.ChordProgression.DistinctCount);
    }

    [Fact]
    public void Similarity_is_edit_distance_on_a_ten_point_scale()
    {
        int[] a = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        int[] b = [1, 2, 3, 4, 5, 6, 7, 0, 9];
        Assert.Equal(2, SectionSimilarity.EditDistance(a, b));
        Assert.Equal(8, SectionSimilarity.Score(a, b), 6);
        Assert.Equal(10, SectionSimilarity.Score(Array.Empty<int>(), Array.Empty<int>()));
    }

    [Fact]
    public void A_tune_without_notes_has_no_sections()
    {
        var s = Analyze("z8|]");
        Assert.False(s.HasMusic);
        Assert.Equal("", s.LetterForm);
        Assert.Null(s.TuneMotif);
    }
}
