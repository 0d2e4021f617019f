namespace MusicPile.Abc;

/// <summary>Collects chord symbols bar by bar from the first voice that has any; text that is not a chord name is skipped.</summary>
internal static class ChordProgressionReader
{
    public static ChordProgression Read(AbcTune tune)
    {
        var voice = tune.Voices.FirstOrDefault(v => v.Bars.Any(b => b.Elements.Any(IsChord)));
        if (voice is null)
            return ChordProgression.Empty;
        var chords = new List<string>();
        var bars = new List<string>();
        foreach (var bar in voice.Bars)
        {
            var inBar = bar.Elements.Where(IsChord).Select(e => ((AbcChordSymbol)e).Text.Trim()).ToList();
            if (inBar.Count == 0)
                continue;
            bars.Add(string.Join(" ", inBar));
            foreach (var c in inBar)
            {
                if (chords.Count == 0 || !string.Equals(chords[^1], c, StringComparison.Ordinal))
                    chords.Add(c);
            }
        }
        return new ChordProgression(chords, bars);
    }

    private static bool IsChord(AbcElement e) => e is AbcChordSymbol s && ChordSymbol.TryParse(s.Text, out _);
}
