namespace MusicPile.Instruct;

/// <summary>The names of ChatMusician's eight instruction tasks, as the <c>tasks</c> option and the records' meta spell them.</summary>
public static class InstructionTasks
{
    /// <summary>Compose a tune over a given chord progression.</summary>
    public const string Chord = "chord";

    /// <summary>Compose a tune in a given musical form (term and letter form with section lengths).</summary>
    public const string Form = "form";

    /// <summary>Compose a tune from a letter form and a motif.</summary>
    public const string LetterFormMotif = "letter_motif";

    /// <summary>Compose a tune from a form term and a motif.</summary>
    public const string FormTermMotif = "term_motif";

    /// <summary>Add chord symbols to a melody.</summary>
    public const string Harmonization = "harmonize";

    /// <summary>Compose in the style of J. S. Bach (only for sources named in <c>bach_sources</c>).</summary>
    public const string Bach = "bach";

    /// <summary>Name the motif of each section of a given tune.</summary>
    public const string MotifExtraction = "motif_extract";

    /// <summary>Describe the form of a given tune.</summary>
    public const string FormExtraction = "form_extract";

    /// <summary>All eight, in ChatMusician's order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Chord, Form, LetterFormMotif, FormTermMotif, Harmonization, Bach, MotifExtraction, FormExtraction];
}
