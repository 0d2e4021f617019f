namespace MusicPile.Train;

/// <summary>Training FLOPs per token: 6 per matrix parameter (forward + backward) plus the attention scores.</summary>
public static class FlopsEstimate
{
    /// <summary>Peak of an H100 SXM in dense bf16, FLOP/s.</summary>
    public const double CudaH100Bf16Peak = 989e12;

    /// <summary>A rough float32 peak per CPU thread (AVX-512 FMA at about 3 GHz, as achieved by libtorch matmuls), FLOP/s.</summary>
    public const double CpuPeakPerThread = 1e11;

    /// <summary>6·N + 12·layers·hidden·seqLen, with N the parameters used in matrix products (the head counted, the embedding lookup not).</summary>
    public static double PerToken(LlamaConfig config, int seqLen)
    {
        var matrixParams = config.ParameterCount() - (config.TieWordEmbeddings ? 0 : (long)config.VocabSize * config.HiddenSize);
        return 6.0 * matrixParams + 12.0 * config.NumHiddenLayers * config.HiddenSize * seqLen;
    }
}
