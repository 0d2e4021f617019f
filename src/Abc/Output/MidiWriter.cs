namespace MusicPile.Abc;

/// <summary>
/// Standard MIDI file (format 1, 480 ticks per quarter) of a tune: a conductor track with tempo (<c>Q:</c>, default
/// 1/4=120) and meter, then one track per voice with repeats and endings played out (and parts in the order a header
/// <c>P:</c> gives), chords and tied notes joined.
/// </summary>
public static class MidiWriter
{
    /// <summary>Ticks per quarter note.</summary>
    public const int TicksPerQuarter = 480;

    private const int Velocity = 80;

    /// <summary>The MIDI file bytes, within <see cref="MidiWriterOptions.Default"/>.</summary>
    public static byte[] Write(AbcTune tune) => Write(tune, MidiWriterOptions.Default);

    /// <summary>The MIDI file bytes; <see cref="MidiLimitException"/> as soon as the performance passes a bound of <paramref name="options"/>.</summary>
    public static byte[] Write(AbcTune tune, MidiWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(tune);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var budget = new Budget(options);
        var tracks = new List<byte[]> { ConductorTrack(tune) };
        budget.AddBytes(14 + 8 + tracks[0].Length);
        var channel = 0;
        foreach (var voice in tune.Voices)
        {
            tracks.Add(VoiceTrack(tune, voice, channel, budget));
            channel = channel == 8 ? 10 : (channel + 1) % 16;
        }
        using var ms = new MemoryStream();
        ms.Write("MThd"u8);
        WriteBig(ms, 6, 4);
        WriteBig(ms, 1, 2);
        WriteBig(ms, tracks.Count, 2);
        WriteBig(ms, TicksPerQuarter, 2);
        foreach (var t in tracks)
        {
            ms.Write("MTrk"u8);
            WriteBig(ms, t.Length, 4);
            ms.Write(t);
        }
        return ms.ToArray();
    }

    /// <summary>The notes a tune plays, in time order: start and end ticks, MIDI pitch, voice index (within <see cref="MidiWriterOptions.Default"/>).</summary>
    public static IReadOnlyList<(long Start, long End, int Pitch, int Voice)> Notes(AbcTune tune)
    {
        ArgumentNullException.ThrowIfNull(tune);
        var budget = new Budget(MidiWriterOptions.Default);
        var all = new List<(long, long, int, int)>();
        for (var v = 0; v < tune.Voices.Count; v++)
        {
            foreach (var (s, e, p) in Render(tune, tune.Voices[v], budget))
                all.Add((s, e, p, v));
        }
        all.Sort();
        return all;
    }

    private static byte[] ConductorTrack(AbcTune tune)
    {
        using var ms = new MemoryStream();
        var tempo = tune.Field('Q');
        var microsPerQuarter = 500_000L;
        if (tempo is not null && FieldText.TryTempo(tempo, out var beat, out var bpm))
            microsPerQuarter = (long)Math.Clamp(60_000_000.0 / (bpm * beat.ToDouble() * 4), 1, 0xFFFFFF);
        ms.Write([0, 0xFF, 0x51, 3, (byte)(microsPerQuarter >> 16), (byte)(microsPerQuarter >> 8), (byte)microsPerQuarter]);
        if (!tune.Meter.IsFree && tune.Meter.Numerator < 256)
        {
            var log2 = 0;
            while ((1 << log2) < tune.Meter.Denominator && log2 < 16)
                log2++;
            ms.Write([0, 0xFF, 0x58, 4, (byte)tune.Meter.Numerator, (byte)log2, 24, 8]);
        }
        ms.Write([0, 0xFF, 0x2F, 0]);
        return ms.ToArray();
    }

    private static byte[] VoiceTrack(AbcTune tune, AbcVoice voice, int channel, Budget budget)
    {
        var events = new List<(long Tick, int Order, byte Status, byte Pitch, byte Velocity)>();
        foreach (var (start, end, pitch) in Render(tune, voice, budget))
        {
            var p = (byte)Math.Clamp(pitch, 0, 127);
            events.Add((start, 1, (byte)(0x90 | channel), p, Velocity));
            events.Add((end, 0, (byte)(0x80 | channel), p, 0));
        }
        events.Sort((a, b) => a.Tick != b.Tick ? a.Tick.CompareTo(b.Tick) : a.Order.CompareTo(b.Order));
        using var ms = new MemoryStream();
        long last = 0;
        foreach (var e in events)
        {
            var before = ms.Length;
            WriteVarLen(ms, e.Tick - last);
            last = e.Tick;
            ms.Write([e.Status, e.Pitch, e.Velocity]);
            budget.AddBytes(ms.Length - before);
        }
        ms.Write([0, 0xFF, 0x2F, 0]);
        budget.AddBytes(4 + 8);
        return ms.ToArray();
    }

    private static List<(long Start, long End, int Pitch)> Render(AbcTune tune, AbcVoice voice, Budget budget)
    {
        var notes = new List<(long Start, long End, int Pitch)>();
        var open = new Dictionary<int, int>();
        var resolver = new PitchResolver(tune.Key);
        var time = Rational.Zero;
        var keys = KeysAtBarStarts(tune.Key, voice.Bars);
        foreach (var index in PartOrder.Order(tune, voice.Bars))
        {
            var bar = voice.Bars[index];
            resolver.NewBar();
            resolver.Key = keys[index];
            foreach (var e in bar.Elements)
            {
                switch (e)
                {
                    case AbcFieldElement { Name: 'K' } k when AbcKey.TryParse(k.Value, out var key):
                        resolver.Key = key;
                        break;
                    case AbcNote n:
                        Sound(notes, open, resolver.Midi(n), time, n.Duration, n.Tie, budget);
                        time += n.Duration;
                        break;
                    case AbcChord c:
                        // Every note of the chord may continue a tie from before, so the open ties are cleared only after all of them.
                        var stillOpen = new Dictionary<int, int>();
                        var end = Ticks(time + c.Duration);
                        foreach (var n in c.Notes)
                        {
                            var pitch = resolver.Midi(n);
                            if (open.TryGetValue(pitch, out var tied))
                                notes[tied] = notes[tied] with { End = end };
                            else
                            {
                                budget.AddNote();
                                notes.Add((Ticks(time), end, pitch));
                                tied = notes.Count - 1;
                            }
                            if (c.Tie || n.Tie)
                                stillOpen[pitch] = tied;
                        }
                        open.Clear();
                        foreach (var kv in stillOpen)
                            open[kv.Key] = kv.Value;
                        time += c.Duration;
                        break;
                    case AbcRest r:
                        open.Clear();
                        time += r.Duration;
                        break;
                }
            }
        }
        return notes;
    }

    /// <summary>The key in force where each bar starts in written order, so a repeat plays its bars in the key they are written in.</summary>
    private static AbcKey[] KeysAtBarStarts(AbcKey key, IReadOnlyList<AbcBar> bars)
    {
        var keys = new AbcKey[bars.Count];
        for (var i = 0; i < bars.Count; i++)
        {
            keys[i] = key;
            foreach (var e in bars[i].Elements)
            {
                if (e is AbcFieldElement { Name: 'K' } k && AbcKey.TryParse(k.Value, out var changed))
                    key = changed;
            }
        }
        return keys;
    }

    private static void Sound(List<(long Start, long End, int Pitch)> notes, Dictionary<int, int> open, int pitch, Rational at, Rational duration, bool tie, Budget budget)
    {
        var end = Ticks(at + duration);
        if (open.TryGetValue(pitch, out var index))
        {
            notes[index] = notes[index] with { End = end };
            open.Clear();
        }
        else
        {
            open.Clear();
            budget.AddNote();
            notes.Add((Ticks(at), end, pitch));
            index = notes.Count - 1;
        }
        if (tie)
            open[pitch] = index;
    }

    private static long Ticks(Rational wholeNotes) =>
        (long)Math.Round((double)wholeNotes.Numerator * TicksPerQuarter * 4 / wholeNotes.Denominator);

    private static void WriteBig(Stream s, long value, int bytes)
    {
        for (var i = bytes - 1; i >= 0; i--)
            s.WriteByte((byte)(value >> (8 * i)));
    }

    private static void WriteVarLen(Stream s, long value)
    {
        value = Math.Max(0, Math.Min(value, 0x0FFFFFFF));
        Span<byte> buffer = stackalloc byte[4];
        var n = 0;
        buffer[n++] = (byte)(value & 0x7F);
        while ((value >>= 7) > 0)
            buffer[n++] = (byte)((value & 0x7F) | 0x80);
        for (var i = n - 1; i >= 0; i--)
            s.WriteByte(buffer[i]);
    }

    /// <summary>What one performance may still use, counted as it plays.</summary>
    private sealed class Budget(MidiWriterOptions options)
    {
        private long _notes;
        private long _bytes;

        public void AddNote()
        {
            if (++_notes > options.MaxNotes)
                throw new MidiLimitException($"the tune plays more than {options.MaxNotes:N0} notes (repeats and parts played out), the most a MIDI file is made for", options.MaxNotes);
        }

        public void AddBytes(long n)
        {
            _bytes += n;
            if (_bytes > options.MaxBytes)
                throw new MidiLimitException($"the MIDI file would be larger than {options.MaxBytes:N0} bytes, the most made", options.MaxBytes);
        }
    }
}
