using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MusicPile.Serve.Music;

namespace MusicPile.Serve.Generation;

/// <summary>
/// Owns the served checkpoint: loads it in the background when the host starts (so <c>/health</c> can answer 503 while
/// it loads) and keeps the token text table beside it.
/// </summary>
internal sealed class ModelHost(ServeOptions options, ILogger<ModelHost> logger) : IHostedService, IDisposable
{
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private LoadedCheckpoint? _checkpoint;
    private TokenTextTable? _texts;

    /// <summary>The model's id in the API.</summary>
    public string ModelName { get; } = options.ModelName ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.CheckpointDirectory)));

    public bool IsReady => _checkpoint is not null;

    /// <summary>Why loading failed, or null.</summary>
    public string? LoadError { get; private set; }

    /// <summary>Completes when the model is ready (or faults when loading failed).</summary>
    public Task Loaded => _loaded.Task;

    public LoadedCheckpoint Checkpoint => _checkpoint ?? throw new InvalidOperationException("the model is not loaded");

    /// <summary>Each token's text, built on first use (it decodes the whole vocabulary once).</summary>
    public TokenTextTable TokenTexts
    {
        get
        {
            lock (_gate)
                return _texts ??= new TokenTextTable(Checkpoint.Tokenizer);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(LoadAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task LoadAsync()
    {
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var checkpoint = await CheckpointLoader.LoadAsync(options.CheckpointDirectory, options.Device, options.TokenizerCacheDirectory).ConfigureAwait(false);
            _checkpoint = checkpoint;
            logger.LogInformation("loaded {Checkpoint} ({Parameters:N0} parameters, tokenizer {Tokenizer}) on {Device} in {Seconds:F1}s",
                checkpoint.Directory, checkpoint.Model.BaseParameterCount, checkpoint.Tokenizer.Id, checkpoint.Device.type, started.Elapsed.TotalSeconds);
            _loaded.TrySetResult();
        }
        catch (Exception e)
        {
            // Whatever stops the load (a bad file, a native error from torch, memory) must reach /health and the log:
            // an exception left in this background task would leave the server "loading" for ever.
            LoadError = e.Message;
            logger.LogError(e, "could not load checkpoint {Checkpoint}", options.CheckpointDirectory);
            _loaded.TrySetException(e);
        }
    }

    public void Dispose()
    {
        _checkpoint?.Dispose();
    }
}
