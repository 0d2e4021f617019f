namespace MusicPile.Core.Records;

/// <summary>The dedup methods in order, and the word each is written as in the catalog, manifests and JSON.</summary>
public static class DedupMethods
{
    public static IReadOnlyList<DedupMethod> All { get; } = [DedupMethod.Exact, DedupMethod.Music, DedupMethod.Near];

    public static string Code(this DedupMethod m) => m switch
    {
        DedupMethod.Exact => "exact",
        DedupMethod.Music => "music",
        DedupMethod.Near => "near",
        _ => throw new ArgumentOutOfRangeException(nameof(m), m, null),
    };

    /// <summary>The reason a removed duplicate is listed under where removals and rejects are shown together: <c>duplicate-exact</c>, ...</summary>
    public static string DuplicateReason(this DedupMethod m) => m switch
    {
        DedupMethod.Exact => "duplicate-exact",
        DedupMethod.Music => "duplicate-music",
        DedupMethod.Near => "duplicate-near",
        _ => throw new ArgumentOutOfRangeException(nameof(m), m, null),
    };
}
