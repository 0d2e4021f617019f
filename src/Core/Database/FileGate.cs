namespace MusicPile.Core.Database;

/// <summary>An exclusive lock on a file, for short critical sections shared between processes.</summary>
internal sealed class FileGate : IDisposable
{
    private readonly FileStream _stream;

    private FileGate(FileStream stream) => _stream = stream;

    public static async Task<FileGate> AcquireAsync(string path, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                return new FileGate(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, ct).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
