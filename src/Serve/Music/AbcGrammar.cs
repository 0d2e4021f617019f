using System.Globalization;

namespace MusicPile.Serve.Music;

/// <summary>
/// The language a constrained tune is generated in, one character at a time. The header is strict and in the corpus
/// form (<c>X:</c>, <c>L:</c>, optional <c>Q:</c>, <c>M:</c>, <c>K:</c>, e.g. <c>X:1\nL:1/8\nM:4/4\nK:G\n</c>); the body
/// is permissive: notes with accidentals, octave marks and lengths, rests, bar lines and repeats, chords, spaces and
/// newlines. Every text it accepts up to a point where <see cref="CanEnd"/> holds parses with no fatal diagnostic.
/// </summary>
internal sealed class AbcGrammar
{
    /// <summary>Characters in a body line before only a newline is allowed.</summary>
    public const int MaxLineLength = 96;

    private static readonly string[] Meters = ["2/4", "3/4", "4/4", "5/4", "6/4", "3/8", "6/8", "9/8", "12/8", "2/2", "3/2", "C", "C|"];
    private static readonly string[] Tonics = ["C", "G", "D", "A", "E", "B", "F#", "C#", "F", "Bb", "Eb", "Ab", "Db", "Gb"];
    private static readonly string[] Modes = ["", "m", "min", "maj", "dor", "mix", "lyd", "phr"];

    private readonly Dictionary<HeaderPhase, HeaderTrie> _tries;

    private AbcGrammar()
    {
        var meterLines = Meters.Select(m => ("M:" + m, HeaderPhase.Key)).ToList();
        var tempoLines = new List<(string, HeaderPhase)>();
        foreach (var beat in new[] { "1/4", "1/8" })
            for (var bpm = 40; bpm <= 320; bpm++)
                tempoLines.Add(($"Q:{beat}={bpm.ToString(CultureInfo.InvariantCulture)}", HeaderPhase.Meter));
        _tries = new()
        {
            [HeaderPhase.Reference] = new(Enumerable.Range(1, 99).Select(n => ("X:" + n.ToString(CultureInfo.InvariantCulture), HeaderPhase.UnitLength))),
            [HeaderPhase.UnitLength] = new(new[] { "1/4", "1/8", "1/16" }.Select(l => ("L:" + l, HeaderPhase.TempoOrMeter))),
            [HeaderPhase.TempoOrMeter] = new(tempoLines.Concat(meterLines)),
            [HeaderPhase.Meter] = new(meterLines),
            [HeaderPhase.Key] = new(Tonics.SelectMany(t => Modes.Select(m => ("K:" + t + m, HeaderPhase.Body)))),
        };
    }

    /// <summary>The one grammar (its tables are immutable).</summary>
    public static AbcGrammar Instance { get; } = new();

    /// <summary>Reads one character; false (state unchanged in meaning) when the language does not allow it here.</summary>
    public bool Step(ref AbcGrammarState state, char c)
    {
        if (state.Phase != HeaderPhase.Body)
        {
            var trie = _tries[state.Phase];
            var node = trie.Step(state.Node, c);
            if (node < 0) return false;
            if (trie.NextPhase(node) is { } next)
            {
                state.Phase = next;
                state.Node = 0;
                if (next == HeaderPhase.Body) state.Mode = BodyMode.Boundary;
            }
            else
                state.Node = node;
            return true;
        }
        if (c == '\n')
        {
            if (!state.LineHasNote || !IsElementEnd(state)) return false;
            state.Mode = BodyMode.Boundary;
            state.LineHasNote = false;
            state.LineStartsWithLetter = false;
            state.LineLength = 0;
            return true;
        }
        if (state.LineLength >= MaxLineLength && state.LineHasNote && IsElementEnd(state)) return false;
        // A letter and a colon at the start of a line would read as a header field.
        if (c == ':' && state.LineLength == 1 && state.LineStartsWithLetter) return false;
        if (!AbcBodySteps.Step(ref state, c)) return false;
        state.LineLength++;
        if (state.LineLength == 1) state.LineStartsWithLetter = char.IsAsciiLetter(c);
        return true;
    }

    /// <summary>True where the tune may end: in the body, at the start of a line, after at least one note or rest.</summary>
    public static bool CanEnd(in AbcGrammarState state) =>
        state.Phase == HeaderPhase.Body && state.LineLength == 0 && state.BodyHasNote;

    /// <summary>A short text that, read from <paramref name="state"/>, reaches a point where the tune may end.</summary>
    public string Closing(in AbcGrammarState state)
    {
        if (state.Phase != HeaderPhase.Body)
        {
            var (text, next) = _tries[state.Phase].Complete(state.Node);
            while (next != HeaderPhase.Body)
            {
                var (line, after) = next switch
                {
                    HeaderPhase.UnitLength => ("L:1/8\n", HeaderPhase.TempoOrMeter),
                    HeaderPhase.TempoOrMeter or HeaderPhase.Meter => ("M:4/4\n", HeaderPhase.Key),
                    _ => ("K:C\n", HeaderPhase.Body),
                };
                text += line;
                next = after;
            }
            return text + "z\n";
        }
        var element = state.Mode switch
        {
            BodyMode.Colon => "|",
            BodyMode.Sharp or BodyMode.Flat or BodyMode.Accidental => state.InChord ? "C]" : "C",
            BodyMode.ChordOpen => "C]",
            BodyMode.Pitch when state.InChord => "]",
            _ => "",
        };
        if (state.LineLength == 0 && element.Length == 0)
            return state.BodyHasNote ? "" : "z\n";
        var hasNote = state.LineHasNote || element.Contains('C', StringComparison.Ordinal);
        return element + (hasNote ? "" : "z") + "\n";
    }

    private static bool IsElementEnd(in AbcGrammarState state) => state.Mode switch
    {
        BodyMode.Colon or BodyMode.Sharp or BodyMode.Flat or BodyMode.Accidental or BodyMode.ChordOpen => false,
        BodyMode.Pitch => !state.InChord,
        _ => true,
    };
}
