using Parquet;
using Parquet.Schema;

namespace MusicPile.Core.Parquet;

/// <summary>
/// Streams rows of string and int64 columns into a Parquet file, one row group at a time. The file is written
/// under a temporary name and only takes its final name in <see cref="CompleteAsync"/>, so a crash never leaves
/// a file that looks finished.
/// </summary>
internal sealed class ShardTableWriter<TRow> : IAsyncDisposable
{
    private readonly IReadOnlyList<ShardColumn<TRow>> _columns;
    private readonly ShardOptions _options;
    private readonly string _finalPath;
    private readonly string _tempPath;
    private readonly FileStream _stream;
    private readonly List<TRow> _buffer;
    private ParquetWriter? _writer;
    private bool _completed;

    private readonly Func<TRow, long> _sizeOf;
    private long _bufferedBytes;

    public ShardTableWriter(string path, IReadOnlyList<ShardColumn<TRow>> columns, ShardOptions options, Func<TRow, long> sizeOf)
    {
        _sizeOf = sizeOf;
        options.Validate();
        _columns = columns;
        _options = options;
        _finalPath = path;
        _tempPath = path + ".tmp";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _stream = new FileStream(_tempPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: true);
        _buffer = new List<TRow>(Math.Min(options.RowGroupRows, 65536));
    }

    public long Rows { get; private set; }

    public async ValueTask WriteAsync(TRow row, CancellationToken ct)
    {
        _buffer.Add(row);
        Rows++;
        _bufferedBytes += _sizeOf(row);
        if (_buffer.Count >= _options.RowGroupRows || _bufferedBytes >= _options.RowGroupBytes)
            await FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Writes the footer, flushes to disk and moves the file to its final name.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        await FlushAsync(ct, force: _writer is null).ConfigureAwait(false);
        await _writer!.DisposeAsync().ConfigureAwait(false);
        _writer = null;
        await _stream.FlushAsync(ct).ConfigureAwait(false);
        _stream.Flush(flushToDisk: true);
        await _stream.DisposeAsync().ConfigureAwait(false);
        File.Move(_tempPath, _finalPath, overwrite: true);
        _completed = true;
    }

    private async Task FlushAsync(CancellationToken ct, bool force = false)
    {
        if (_buffer.Count == 0 && !force)
            return;
        _writer ??= await ParquetWriter.CreateAsync(
            new ParquetSchema(_columns.Select(c => (Field)c.Field)), _stream, _options.ToParquetOptions(), false, ct).ConfigureAwait(false);
        using (var rg = _writer.CreateRowGroup())
        {
            foreach (var c in _columns)
                await c.WriteAsync(rg, _buffer, ct).ConfigureAwait(false);
        }
        _buffer.Clear();
        _bufferedBytes = 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_completed)
            return;
        if (_writer is not null)
        {
            try
            {
                await _writer.DisposeAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The file is abandoned below; a failed footer write changes nothing.
            }
        }
        await _stream.DisposeAsync().ConfigureAwait(false);
        File.Delete(_tempPath);
    }
}
