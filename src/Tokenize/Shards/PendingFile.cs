namespace MusicPile.Tokenize;

/// <summary>A file written under a temporary name beside its final path and renamed when complete.</summary>
internal sealed class PendingFile : IAsyncDisposable
{
    private bool _committed;

    public PendingFile(string path, int bufferSize = 1 << 20)
    {
        FinalPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(FinalPath)!);
        TempPath = $"{FinalPath}.{Guid.NewGuid():N}.partial";
        Stream = new FileStream(TempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize, useAsync: true);
    }

    public string FinalPath { get; }

    public string TempPath { get; }

    public FileStream Stream { get; }

    public async ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        await Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        await Stream.DisposeAsync().ConfigureAwait(false);
        File.Move(TempPath, FinalPath, overwrite: true);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync().ConfigureAwait(false);
        if (!_committed)
            File.Delete(TempPath);
    }
}
