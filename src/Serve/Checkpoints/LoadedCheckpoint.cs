using MusicPile.Tokenize;
using MusicPile.Train;

namespace MusicPile.Serve;

/// <summary>A model ready to generate: its weights on a device, its tokenizer and where it came from.</summary>
public sealed class LoadedCheckpoint : IDisposable
{
    internal LoadedCheckpoint(string directory, LlamaForCausalLM model, MusicTokenizer tokenizer, TorchSharp.torch.Device device)
    {
        Directory = directory;
        Model = model;
        Tokenizer = tokenizer;
        Device = device;
    }

    /// <summary>The checkpoint folder.</summary>
    public string Directory { get; }

    /// <summary>The model, in evaluation mode.</summary>
    public LlamaForCausalLM Model { get; }

    /// <summary>The tokenizer the checkpoint names.</summary>
    public MusicTokenizer Tokenizer { get; }

    /// <summary>Where the weights live.</summary>
    public TorchSharp.torch.Device Device { get; }

    /// <summary>The architecture.</summary>
    public LlamaConfig Config => Model.Config;

    /// <summary>Frees the weights.</summary>
    public void Dispose() => Model.Dispose();
}
