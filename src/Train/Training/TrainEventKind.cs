namespace MusicPile.Train;

/// <summary>What a <see cref="TrainProgress"/> report is about.</summary>
public enum TrainEventKind
{
    /// <summary>Training loss and throughput over the last log interval.</summary>
    Train,

    /// <summary>Validation loss per source.</summary>
    Eval,

    /// <summary>A checkpoint was written.</summary>
    Checkpoint,
}
