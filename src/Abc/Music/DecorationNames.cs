namespace MusicPile.Abc;

internal static class DecorationNames
{
    /// <summary>Decorations of ABC 2.1 section 4.14 plus the common abcm2ps additions.</summary>
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "trill", "trill(", "trill)", "lowermordent", "uppermordent", "mordent", "pralltriller", "roll", "turn", "turnx",
        "invertedturn", "invertedturnx", "arpeggio", ">", "accent", "emphasis", "fermata", "invertedfermata", "tenuto",
        "0", "1", "2", "3", "4", "5", "+", "plus", "snap", "slide", "wedge", "upbow", "downbow", "open", "thumb",
        "breath", "pppp", "ppp", "pp", "p", "mp", "mf", "f", "ff", "fff", "ffff", "sfz", "crescendo(", "crescendo)",
        "<(", "<)", ">(", ">)", "diminuendo(", "diminuendo)", "segno", "coda", "D.S.", "D.C.", "dacoda", "dacapo",
        "fine", "shortphrase", "mediumphrase", "longphrase", "ped", "ped-up", "editorial", "courtesy", "staccato",
        "tremolo", "beambr1", "beambr2", "xstem", "dot", ".", "^", "D.C.alcoda", "D.C.alfine", "D.S.alcoda", "D.S.alfine",
        "marcato", "umarcato", "dmarcato", "ring", "fp", "sf", "sfp", "rfz", "cresc", "dim", "gmark", "/", "//", "///",
    };

    public static bool IsKnown(string name) => Known.Contains(name);
}
