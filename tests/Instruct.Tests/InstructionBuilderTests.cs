using MusicPile.Abc;
using MusicPile.Core;
using MusicPile.Core.Pipelines;
using MusicPile.Instruct;

namespace MusicPile.Instruct.Tests;

public sealed class InstructionBuilderTests
{
    private const string Reel = """
        X:1
        T:Test Reel
        M:4/4
        L:1/8
        K:G
        d|:"G"GABc dBGB|"C"c2ec "G"BGGB|"Am"AGAB "D7"cBAG|"D"FGAF D3d|"G"GABc dBGB|"C"c2ec "G"BGGB|"D7"AGAB cBAG|"G"G2B2 G3:|
        |:d|"G"d2gd BdgB|"C"c2ec "G"BGGB|"G"d2gd BdgB|"D"A2fA dAfA|"G"d2gd BdgB|"C"c2ec "G"BGGB|"D7"AGAB cBAG|"G"G2B2 G3:|
        """;

    private static TuneMaterial Material(bool bach = false) => TuneMaterial.From(AbcDocument.ParseTune(Reel)!, bach);

    [Fact]
    public void Every_task_has_at_least_six_distinct_paraphrases()
    {
        foreach (var task in InstructionTasks.All)
        {
            var pool = InstructionPrompts.For(task);
            Assert.True(pool.Count >= 6, task);
            Assert.Equal(pool.Count, pool.Distinct().Count());
        }
    }

    [Fact]
    public void Each_task_builds_an_example_whose_abc_parses()
    {
        var m = Material(bach: true);
        Assert.Equal("AABB", m.Structure.LetterForm);
        foreach (var task in InstructionTasks.All)
        {
            var (example, skip) = InstructionBuilder.Build(task, m, 3);
            Assert.Null(skip);
            Assert.NotNull(example);
            Assert.NotEmpty(example.AbcTexts);
            foreach (var abc in example.AbcTexts)
                Assert.False(AbcValidator.IsFatal(AbcValidator.Validate(AbcDocument.ParseTune(abc)!)), task);
            Assert.Equal($"Human: {example.Instruction}\n{example.Input} </s> Assistant: {example.Output} </s>", example.ChatText);
        }
    }

    [Fact]
    public void Task_contents_carry_the_structure()
    {
        var m = Material();
        var chord = InstructionBuilder.Build(InstructionTasks.Chord, m, 0).Example!;
        Assert.Contains("Chords: | G | C G | Am D7 |", chord.Input, StringComparison.Ordinal);
        Assert.Contains("Key: G\nMeter: 4/4", chord.Input, StringComparison.Ordinal);
        Assert.StartsWith("X:1\nL:1/8\n", chord.Output, StringComparison.Ordinal);

        var harmonize = InstructionBuilder.Build(InstructionTasks.Harmonization, m, 0).Example!;
        Assert.DoesNotContain("\"G\"", harmonize.Input, StringComparison.Ordinal);
        Assert.Contains("\"G\"", harmonize.Output, StringComparison.Ordinal);

        var form = InstructionBuilder.Build(InstructionTasks.FormExtraction, m, 0).Example!;
        Assert.StartsWith("Letter form: AABB. Form: Binary.", form.Output, StringComparison.Ordinal);
        Assert.Contains("Form: Binary, AABB (sections of A: 8 bars, B: 8 bars)",
            InstructionBuilder.Build(InstructionTasks.Form, m, 0).Example!.Input, StringComparison.Ordinal);

        Assert.Equal("not-bach", InstructionBuilder.Build(InstructionTasks.Bach, m, 0).SkipReason);
    }

    [Fact]
    public void A_tune_without_chords_skips_the_chord_tasks_with_a_reason()
    {
        var m = TuneMaterial.From(AbcDocument.ParseTune("X:1\nM:3/4\nL:1/4\nK:D\n|:DEF|GAB|ABc|d3:|\n")!, false);
        Assert.Equal("no-chords", InstructionBuilder.Build(InstructionTasks.Chord, m, 0).SkipReason);
        Assert.Equal("no-chords", InstructionBuilder.Build(InstructionTasks.Harmonization, m, 0).SkipReason);
        Assert.NotNull(InstructionBuilder.Build(InstructionTasks.FormExtraction, m, 0).Example);
    }

    [Fact]
    public void Options_are_read_and_checked()
    {
        var o = StageOptionsBinder.Bind<InstructionOptions>(new StageOptions(new Dictionary<string, object>
        {
            ["tasks"] = new List<string> { "chord", "form_extract" },
            ["per_tune"] = "3",
            ["bach_sources"] = new List<string> { "chorales" },
        }), "sft.yaml: stage 'instructions'");
        Assert.Equal(["chord", "form_extract"], o.Tasks);
        Assert.Equal(3, o.PerTune);
        Assert.Equal(1, o.Seed);
        Assert.Equal("-sft", o.SrcSuffix);
        Assert.True(o.KeepSource);
        var bad = Assert.Throws<MusicPileException>(() =>
            StageOptionsBinder.Bind<InstructionOptions>(new StageOptions(new Dictionary<string, object> { ["tasks"] = "lyrics" }), "sft.yaml: stage 'instructions'"));
        Assert.True(bad.IsUsage);
        Assert.StartsWith("sft.yaml: stage 'instructions': tasks: unknown task 'lyrics'", bad.Message, StringComparison.Ordinal);
    }
}
