using System.Diagnostics;
using System.Text;

namespace MusicPile.Abc.Tests;

/// <summary>A body that names a voice per line stays linear to parse: voices are found by id, not by a scan.</summary>
public sealed class VoiceCountTests
{
    [Fact]
    public void Forty_thousand_voices_parse_in_linear_time_and_repeated_ids_return_to_their_voice()
    {
        var sb = new StringBuilder("X:1\nM:4/4\nL:1/4\nK:C\n");
        for (var i = 0; i < 40_000; i++)
            sb.Append("V:").Append(i).Append("\nC|\n");
        sb.Append("V:7\nD|\n");
        var clock = Stopwatch.StartNew();
        var tune = AbcDocument.ParseTune(sb.ToString())!;
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"parsed in {clock.Elapsed}");
        Assert.Equal(40_000, tune.Voices.Count);
        Assert.True(tune.Voices.Single(v => v.Id == "7").Bars.Count > tune.Voices.Single(v => v.Id == "8").Bars.Count);
    }
}
