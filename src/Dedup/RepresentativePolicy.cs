namespace MusicPile.Dedup;

/// <summary>How the kept document of a cluster is chosen. Every policy ends in (Order, Id) so the choice is total.</summary>
public enum RepresentativePolicy
{
    /// <summary>Lowest Order, then lowest Id.</summary>
    Earliest = 0,

    /// <summary>Longest text, then earliest.</summary>
    Longest = 1,

    /// <summary>Fewest diagnostics, then earliest.</summary>
    Cleanest = 2,
}
