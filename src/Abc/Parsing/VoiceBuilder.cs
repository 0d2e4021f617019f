namespace MusicPile.Abc;

/// <summary>Per-voice parse state: bars so far and what carries between notes (unit length, meter, broken rhythm, tuplets).</summary>
internal sealed class VoiceBuilder(string id, AbcMeter meter, Rational unit)
{
    public string Id { get; } = id;

    public string Properties { get; set; } = "";

    public bool PropertiesSet { get; set; }

    public List<AbcBar> Bars { get; } = [];

    public List<AbcElement> Current { get; private set; } = [];

    public AbcMeter Meter { get; set; } = meter;

    public Rational Unit { get; set; } = unit;

    public bool HasOwnUnit { get; set; }

    public int LastTimedIndex { get; set; } = -1;

    public bool HasPendingBroken { get; set; }

    public Rational PendingBrokenFactor { get; set; } = Rational.One;

    public (int Line, int Column) PendingBrokenAt { get; set; }

    public int TupletRemaining { get; set; }

    public Rational TupletFactor { get; set; } = Rational.One;

    public (int Line, int Column) TupletAt { get; set; }

    public bool SawSpace { get; set; }

    public bool TimedInLine { get; set; }

    public Stack<(int Line, int Column)> OpenSlurs { get; } = new();

    public int StraySlurEnds { get; set; }

    public (int Line, int Column) FirstStraySlurEnd { get; set; }

    /// <summary>Elements added so far, bar lines included.</summary>
    public int Added { get; private set; }

    public void Add(AbcElement element)
    {
        Current.Add(element);
        Added++;
    }

    public void CloseBar()
    {
        Bars.Add(new AbcBar(Current));
        Current = new List<AbcElement>(Math.Max(4, Current.Count));
        LastTimedIndex = -1;
        SawSpace = false;
        TimedInLine = false;
    }

    public AbcVoice Build()
    {
        if (Current.Count > 0)
            CloseBar();
        return new AbcVoice(Id, Properties, Bars);
    }
}
