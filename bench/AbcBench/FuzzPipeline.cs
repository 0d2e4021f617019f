using System.Runtime.CompilerServices;
using MusicPile.Abc;

namespace AbcBench;

/// <summary>Every library entry point a corpus tune goes through, run on one fuzz input.</summary>
internal static class FuzzPipeline
{
    private static long _midiRefusals;

    /// <summary>Tunes whose MIDI the writer refused at its documented bound (notes played, bytes written): not a failure.</summary>
    public static long MidiRefusals => Interlocked.Read(ref _midiRefusals);

    /// <summary>Runs the stages, setting <paramref name="stage"/> before each so a thrown exception can be attributed; returns tunes parsed.</summary>
    public static int Run(FuzzCase fuzzCase, StrongBox<string> stage)
    {
        stage.Value = "parse";
        var doc = AbcDocument.Parse(fuzzCase.Text, "fuzz.abc");
        var semitones = fuzzCase.Number % 49 - 24;
        foreach (var tune in doc.Tunes)
        {
            stage.Value = "validate";
            AbcValidator.Validate(tune);
            stage.Value = "normalize";
            AbcNormalizer.Normalize(tune);
            stage.Value = "write";
            AbcWriter.Write(tune);
            stage.Value = "transpose";
            AbcWriter.Write(AbcTransposer.Transpose(tune, semitones));
            stage.Value = "fingerprint";
            MelodyFingerprint.Compute(tune);
            stage.Value = "midi";
            try
            {
                MidiWriter.Write(tune);
            }
            catch (MidiLimitException)
            {
                Interlocked.Increment(ref _midiRefusals);
            }
        }
        return doc.Tunes.Count;
    }
}
