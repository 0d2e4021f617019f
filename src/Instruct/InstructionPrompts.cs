namespace MusicPile.Instruct;

/// <summary>Paraphrased requests for each task; one is picked per record by a seeded hash, so wording varies across the data.</summary>
internal static class InstructionPrompts
{
    private static readonly Dictionary<string, string[]> Pools = new(StringComparer.Ordinal)
    {
        [InstructionTasks.Chord] =
        [
            "Write a tune in ABC notation that follows the chord progression below.",
            "Compose a melody over these chords and give it as ABC notation.",
            "Here is a chord progression. Create a tune that fits it, written in ABC.",
            "Using the harmony given below, write a complete piece of music in ABC notation.",
            "Turn the following chord sequence into a melody with the chords marked, in ABC format.",
            "Set a folk-style tune to this progression of chords and notate it in ABC.",
            "Please write music that moves through the chords listed below; answer with ABC notation.",
            "Build a tune on top of this chord progression. Use ABC notation for the answer.",
        ],
        [InstructionTasks.Form] =
        [
            "Compose a tune in the musical form described below, in ABC notation.",
            "Write a piece whose sections follow the form given below. Answer in ABC.",
            "Create a melody organised in the following form and notate it with ABC.",
            "Using the structure outlined below, write a complete tune in ABC notation.",
            "Here is a form plan with section lengths. Compose music that realises it, in ABC format.",
            "Write ABC notation for a tune laid out in the form below.",
            "Please compose a tune with exactly this sectional form, written in ABC.",
        ],
        [InstructionTasks.LetterFormMotif] =
        [
            "Develop a tune from the motif below, arranging its sections in the given letter form. Use ABC notation.",
            "Compose a piece in ABC notation that uses this motif and follows this letter form.",
            "Starting from the motif given, write a melody whose sections follow the letter scheme below.",
            "Write a tune in ABC built on the motif provided, with its parts ordered as in the letter form.",
            "Here are a letter form and a short motif. Grow them into a complete tune in ABC format.",
            "Create music that repeats and develops the motif below, organised as the letter form says. Answer in ABC.",
            "Using the given motif as the main idea, compose a tune laid out in the stated letter form, notated in ABC.",
        ],
        [InstructionTasks.FormTermMotif] =
        [
            "Write a tune in the named form that develops the motif below. Give it in ABC notation.",
            "Compose a piece in ABC notation: use this motif, and shape the whole in the form named.",
            "Develop the following motif into a complete tune in the form given, notated in ABC.",
            "Here is a form and a motif. Compose a melody that uses both, in ABC format.",
            "Create music in the stated form whose main idea is the motif below. Use ABC notation.",
            "Using the motif as a seed, write a tune with the overall form named below, in ABC.",
        ],
        [InstructionTasks.Harmonization] =
        [
            "Add chord symbols to this melody so that it can be accompanied.",
            "Harmonise the following tune: write it out again in ABC with suitable chords.",
            "Suggest chords for the melody below and return the tune with the chord symbols in place.",
            "This ABC melody has no harmony. Provide chord symbols for it.",
            "Write an accompaniment in chord symbols for this tune, keeping the melody as it is.",
            "Put chord names above the notes of this melody, answering with the full ABC.",
            "Give this tune a chord progression; return the harmonised version in ABC notation.",
        ],
        [InstructionTasks.Bach] =
        [
            "Compose a piece in the style of J. S. Bach, in ABC notation.",
            "Write music that imitates Bach's chorale writing. Use ABC.",
            "Create a Bach-style composition with the key and meter given below, notated in ABC.",
            "In the manner of Johann Sebastian Bach, write a short piece in ABC format.",
            "Please compose something Bach might have written, using the settings below, in ABC notation.",
            "Write a Baroque piece modelled on Bach's style and give it in ABC.",
        ],
        [InstructionTasks.MotifExtraction] =
        [
            "Find the main motif of each section of this tune.",
            "Which short figure recurs most in each part of the following music? List the motifs.",
            "Identify the motifs in this ABC tune, section by section.",
            "Analyse the tune below and name the melodic motif that each section is built on.",
            "List the recurring note patterns of each section of this piece.",
            "Extract the most frequent longest motif from every section of the following tune.",
            "Look at this tune and point out the repeated figure in each of its sections.",
        ],
        [InstructionTasks.FormExtraction] =
        [
            "Describe the form of this tune.",
            "What is the musical form of the following piece? Give its letter form and name it.",
            "Analyse the structure of the tune below, section by section.",
            "Identify the sections of this ABC tune and how they relate to each other.",
            "Give the letter form and the form type of the following music.",
            "Break this tune into its sections and name the overall form.",
            "How is the piece below organised? Explain its form.",
        ],
    };

    /// <summary>The pool of a task.</summary>
    public static IReadOnlyList<string> For(string task) => Pools[task];
}
