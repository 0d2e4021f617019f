namespace MusicPile.Abc;

/// <summary>Checks that need the whole voice: an empty body, ties without a following note of the same pitch, chord symbols that are not chords.</summary>
internal static class MusicChecks
{
    public static void Check(AbcTune tune, List<AbcDiagnostic> into)
    {
        var anyTimed = false;
        foreach (var voice in ListSpan.Of(tune.Voices))
        {
            AbcTimedElement? pendingTie = null;
            foreach (var bar in ListSpan.Of(voice.Bars))
            {
                foreach (var e in ListSpan.Of(bar.Elements))
                {
                    AbcTimedElement t;
                    if (e is AbcNote note)
                        t = note;
                    else if (e is AbcTimedElement other)
                        t = other;
                    else
                    {
                        if (e is AbcChordSymbol cs && !ChordSymbol.IsChordName(cs.Text))
                            into.Add(TuneParser.Diag(DiagnosticCodes.UnrecognizedChordSymbol, e.Line, e.Column, $"\"{cs.Text}\" is not a chord name; add a placement prefix such as \"^\""));
                        continue;
                    }
                    anyTimed = true;
                    if (pendingTie is not null && !TiesTo(pendingTie, t))
                        into.Add(TuneParser.Diag(DiagnosticCodes.TieWithoutPartner, pendingTie.Line, pendingTie.Column, "tied note is not followed by a note of the same pitch"));
                    pendingTie = t switch
                    {
                        AbcNote { Tie: true } => t,
                        AbcChord { Tie: true } => t,
                        AbcChord c when c.Notes.Any(n => n.Tie) => t,
                        _ => null,
                    };
                }
            }
            if (pendingTie is not null)
                into.Add(TuneParser.Diag(DiagnosticCodes.TieWithoutPartner, pendingTie.Line, pendingTie.Column, "tie at the end of the voice"));
        }
        if (!anyTimed)
            into.Add(new AbcDiagnostic(DiagnosticCodes.EmptyBody, AbcSeverity.Fatal, tune.StartLine, 1, "the tune has no notes or rests"));
    }

    private static bool TiesTo(AbcTimedElement from, AbcTimedElement to)
    {
        var steps = from switch
        {
            AbcNote n => [n.Step],
            AbcChord c => c.Notes.Select(n => n.Step).ToArray(),
            _ => Array.Empty<int>(),
        };
        return to switch
        {
            AbcNote n => steps.Contains(n.Step),
            AbcChord c => c.Notes.Any(n => steps.Contains(n.Step)),
            _ => false,
        };
    }
}
