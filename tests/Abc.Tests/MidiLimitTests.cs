using System.Diagnostics;
using System.Text;

namespace MusicPile.Abc.Tests;

/// <summary>Repeats and parts multiply a short text into a long performance; MIDI output stops at its bounds, early and with the reason.</summary>
public sealed class MidiLimitTests
{
    /// <summary>A part of <paramref name="bars"/> bars inside one repeat, played 256 times by the header's <c>P:</c>.</summary>
    internal static string MultipliedTune(int bars)
    {
        var sb = new StringBuilder("X:1\nT:Many times over\nM:4/4\nL:1/8\nP:A256\nK:C\nP:A\n|:");
        for (var i = 0; i < bars; i++)
            sb.Append(i % 8 == 7 ? "CDEF GABc|\n" : "CDEF GABc|");
        return sb.Append(":|\n").ToString();
    }

    [Fact]
    public void A_part_played_hundreds_of_times_over_a_long_repeat_stops_at_the_note_bound_quickly()
    {
        var tune = AbcDocument.ParseTune(MultipliedTune(2000))!;
        GC.Collect();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<MidiLimitException>(() => MidiWriter.Write(tune));
        Assert.Equal(MidiWriterOptions.Default.MaxNotes, e.Limit);
        Assert.Contains("100,000 notes", e.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.True(allocated < 64L << 20, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Each_bound_of_the_options_is_enforced_and_a_tune_within_them_plays()
    {
        var tune = AbcDocument.ParseTune("X:1\nM:4/4\nL:1/8\nK:G\n|:GABc dedB|dBGB A4:|\n")!;
        Assert.Equal(26, MidiWriter.Notes(tune).Count);
        Assert.NotEmpty(MidiWriter.Write(tune, new MidiWriterOptions { MaxNotes = 26 }));
        Assert.Equal(25, Assert.Throws<MidiLimitException>(() => MidiWriter.Write(tune, new MidiWriterOptions { MaxNotes = 25 })).Limit);
        var size = MidiWriter.Write(tune).Length;
        Assert.NotEmpty(MidiWriter.Write(tune, new MidiWriterOptions { MaxBytes = size }));
        Assert.Equal(size - 1, Assert.Throws<MidiLimitException>(() => MidiWriter.Write(tune, new MidiWriterOptions { MaxBytes = size - 1 })).Limit);
        Assert.Throws<ArgumentException>(() => MidiWriter.Write(tune, new MidiWriterOptions { MaxNotes = 0 }));
    }
}
