namespace MusicPile.Train;

/// <summary>A checkpoint, safetensors file, token file or trainer state that cannot be read as its format says.</summary>
public sealed class TrainFormatException : Exception
{
    /// <summary>Creates the exception with a message naming the file and the problem.</summary>
    public TrainFormatException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping the underlying failure.</summary>
    public TrainFormatException(string message, Exception inner) : base(message, inner) { }
}
