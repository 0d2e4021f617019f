using MusicPile.Core.Records;
using Parquet;
using Parquet.Schema;

namespace MusicPile.Core.Parquet;

/// <summary>
/// Rows of one corpus shard by index, one row group decoded at a time: cheap when rows are asked for in about the
/// order they are stored, as a pipeline's later runs ask for the documents earlier runs wrote.
/// </summary>
public sealed class CorpusShardRows : IAsyncDisposable
{
    private readonly FileStream _file;
    private readonly ParquetReader _reader;
    private readonly Dictionary<string, DataField> _fields;
    private readonly long[] _starts;
    private int _group = -1;
    private CorpusRecord[] _rows = [];

    private CorpusShardRows(FileStream file, ParquetReader reader, Dictionary<string, DataField> fields, long[] starts)
    {
        _file = file;
        _reader = reader;
        _fields = fields;
        _starts = starts;
    }

    /// <summary>Rows in the shard.</summary>
    public long Count => _starts[^1];

    public static async Task<CorpusShardRows> OpenAsync(string path, CancellationToken ct)
    {
        var file = File.OpenRead(path);
        try
        {
            var reader = await ParquetReader.CreateAsync(file, null, false, ct).ConfigureAwait(false);
            var starts = new long[reader.RowGroupCount + 1];
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var rg = reader.OpenRowGroupReader(g);
                starts[g + 1] = starts[g] + rg.RowCount;
            }
            return new CorpusShardRows(file, reader, CorpusShardReader.Fields(path, reader), starts);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The row at <paramref name="index"/> (from 0, in file order).</summary>
    public async ValueTask<CorpusRecord> ReadAsync(long index, CancellationToken ct)
    {
        if (index < 0 || index >= Count)
            throw new InvalidDataException($"{_file.Name}: row {index} asked for, the shard has {Count}");
        if (_group < 0 || index < _starts[_group] || index >= _starts[_group + 1])
        {
            var g = Array.BinarySearch(_starts, index);
            _group = g >= 0 ? g : ~g - 1;
            while (_starts[_group + 1] <= index)
                _group++; // past empty row groups
            _rows = await CorpusShardReader.ReadGroupAsync(_reader, _fields, _group, ct).ConfigureAwait(false);
        }
        return _rows[index - _starts[_group]];
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync().ConfigureAwait(false);
        await _file.DisposeAsync().ConfigureAwait(false);
    }
}
