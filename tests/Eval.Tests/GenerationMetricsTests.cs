using MusicPile.Abc;
using MusicPile.Eval;

namespace MusicPile.Eval.Tests;

public sealed class GenerationMetricsTests
{
    private const string Good = "Here it is:\nX:1\nL:1/8\nM:6/8\nK:D\n|:DFA dAF|GBd gdB|AFD EFG|FDD D3:|\n";
    private const string BadBar = "X:1\nL:1/8\nM:4/4\nK:G\nGABc|dBGBdd|c2ec BGGB|AGAB cBAG|G8|]\n";
    private const string WrongKey = "X:2\nL:1/8\nM:3/4\nK:Am\nA2 c2 e2|a4 e2|c2 B2 A2|A6|]\n";

    [Fact]
    public void The_first_tune_block_is_extracted()
    {
        Assert.StartsWith("X:1\nL:1/8\nM:6/8", TuneFinder.First(Good), StringComparison.Ordinal);
        Assert.Null(TuneFinder.First("I cannot write music."));
    }

    [Fact]
    public void Rates_count_parses_bar_lengths_repeats_and_prompt_following()
    {
        var samples = new[]
        {
            GenerationSample.FromPrompt("Write a jig.\nKey: D\nMeter: 6/8", Good),
            GenerationSample.FromPrompt("Write a reel.\nKey: G\nMeter: 4/4", BadBar),
            GenerationSample.FromPrompt("Write a waltz.\nKey: C\nMeter: 3/4", WrongKey),
            GenerationSample.FromPrompt("Write a tune.\nKey: C\nMeter: 2/4", "no music here"),
        };
        Assert.Equal("D", samples[0].ExpectedKey);
        Assert.Equal("6/8", samples[0].ExpectedMeter);
        var r = GenerationMetrics.Compute(samples);
        Assert.Equal(4, r.Samples);
        Assert.Equal(3, r.Extracted);
        Assert.Equal(0.75, r.ParseRate);
        Assert.Equal(2.0 / 3, r.BarConsistencyRate, 6);
        Assert.Equal(0.25, r.RepeatRate);
        Assert.Equal(2.0 / 3, r.KeyFollowRate!.Value, 6);
        Assert.Equal(1.0, r.MeterFollowRate!.Value);
        Assert.Null(GenerationMetrics.Compute([Good]).KeyFollowRate);
    }
}
