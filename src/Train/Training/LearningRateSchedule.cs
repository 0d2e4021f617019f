namespace MusicPile.Train;

/// <summary>Linear warmup to the peak rate, then cosine decay to the minimum at the last step.</summary>
public sealed record LearningRateSchedule(double Peak, double Min, int WarmupSteps, int TotalSteps)
{
    /// <summary>The rate for the optimiser step that takes the model from <paramref name="step"/> to step + 1.</summary>
    public double At(int step)
    {
        if (step < WarmupSteps)
            return Peak * (step + 1) / (WarmupSteps + 1);
        if (step >= TotalSteps)
            return Min;
        var progress = (double)(step - WarmupSteps) / Math.Max(1, TotalSteps - WarmupSteps);
        return Min + 0.5 * (1 + Math.Cos(Math.PI * progress)) * (Peak - Min);
    }
}
