namespace MusicPile.Serve.Generation;

/// <summary>
/// Admission to the model: a fixed number of generations run at once and a bounded number wait; when the waiting room
/// is full a request is turned away at once (the API answers 429) instead of piling up.
/// </summary>
internal sealed class GenerationQueue(int workers, int capacity)
{
    private readonly SemaphoreSlim _slots = new(workers, workers);
    private int _waiting;
    private int _running;

    public int Waiting => Volatile.Read(ref _waiting);

    public int Running => Volatile.Read(ref _running);

    /// <summary>A slot to generate in (dispose to give it back), or null when the queue is full.</summary>
    public async Task<IDisposable?> TryEnterAsync(CancellationToken cancellationToken)
    {
        if (!_slots.Wait(0))
        {
            if (Interlocked.Increment(ref _waiting) > capacity)
            {
                Interlocked.Decrement(ref _waiting);
                return null;
            }
            try
            {
                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
        Interlocked.Increment(ref _running);
        return new Slot(this);
    }

    private sealed class Slot(GenerationQueue queue) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            Interlocked.Decrement(ref queue._running);
            queue._slots.Release();
        }
    }
}
