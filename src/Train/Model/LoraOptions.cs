namespace MusicPile.Train;

/// <summary>
/// Low-rank adapters on the projection matrices. Defaults are ChatMusician's:
/// r 64, alpha 16, dropout 0.1 on q, k, v, o, gate, up and down projections.
/// </summary>
public sealed record LoraOptions
{
    /// <summary>The projections adapted, by their Hugging Face module names.</summary>
    public static IReadOnlyList<string> AllProjections { get; } =
        ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"];

    /// <summary>Adapter rank r. Default 64.</summary>
    public int Rank { get; init; } = 64;

    /// <summary>Scale numerator; the update is scaled by alpha / r. Default 16.</summary>
    public double Alpha { get; init; } = 16;

    /// <summary>Dropout on the adapter input while training. Default 0.1.</summary>
    public double Dropout { get; init; } = 0.1;

    /// <summary>Projection names to adapt. Default all seven of <see cref="AllProjections"/>.</summary>
    public IReadOnlyList<string> TargetModules { get; init; } = AllProjections;

    /// <summary>alpha / r.</summary>
    public double Scaling => Alpha / Rank;

    /// <summary>Throws <see cref="ArgumentException"/> for settings that cannot be applied.</summary>
    public LoraOptions Validate()
    {
        if (Rank <= 0) throw new ArgumentException("LoRA rank must be positive");
        if (Alpha <= 0) throw new ArgumentException("LoRA alpha must be positive");
        if (Dropout is < 0 or >= 1) throw new ArgumentException("LoRA dropout must be in [0, 1)");
        if (TargetModules.Count == 0) throw new ArgumentException("LoRA needs at least one target module");
        foreach (var name in TargetModules)
        {
            if (!AllProjections.Contains(name))
                throw new ArgumentException($"unknown LoRA target module '{name}'; expected one of {string.Join(", ", AllProjections)}");
        }
        return this;
    }
}
