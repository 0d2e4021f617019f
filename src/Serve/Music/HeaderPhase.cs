namespace MusicPile.Serve.Music;

/// <summary>Where a constrained tune is: which header line comes next, or the body.</summary>
internal enum HeaderPhase : byte
{
    /// <summary>The <c>X:</c> line.</summary>
    Reference,

    /// <summary>The <c>L:</c> line.</summary>
    UnitLength,

    /// <summary>An optional <c>Q:</c> line or the <c>M:</c> line.</summary>
    TempoOrMeter,

    /// <summary>The <c>M:</c> line.</summary>
    Meter,

    /// <summary>The <c>K:</c> line.</summary>
    Key,

    /// <summary>The music.</summary>
    Body,
}
