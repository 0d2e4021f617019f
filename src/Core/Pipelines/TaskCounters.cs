using System.Collections.Concurrent;
using System.Text.Json.Serialization;

namespace MusicPile.Core.Pipelines;

/// <summary>What one task did: records in, kept and rejected (by reason), bytes read and written, and free-form counts.</summary>
public sealed class TaskCounters
{
    private long _recordsIn;
    private long _kept;
    private long _rejected;
    private long _bytesIn;

    [JsonPropertyName("records_in")]
    public long RecordsIn { get => _recordsIn; set => _recordsIn = value; }

    [JsonPropertyName("kept")]
    public long Kept { get => _kept; set => _kept = value; }

    [JsonPropertyName("rejected")]
    public long Rejected { get => _rejected; set => _rejected = value; }

    [JsonPropertyName("bytes_in")]
    public long BytesIn { get => _bytesIn; set => _bytesIn = value; }

    [JsonPropertyName("bytes_out")]
    public long BytesOut { get; set; }

    [JsonPropertyName("seconds")]
    public double Seconds { get; set; }

    [JsonPropertyName("rejects_by_reason")]
    public ConcurrentDictionary<string, long> RejectsByReason { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Stage-specific counts (repairs made, duplicates by method, files skipped as unchanged...).</summary>
    [JsonPropertyName("extra")]
    public ConcurrentDictionary<string, long> Extra { get; init; } = new(StringComparer.Ordinal);

    public void AddIn(long n = 1) => Interlocked.Add(ref _recordsIn, n);

    public void AddKept(long n = 1) => Interlocked.Add(ref _kept, n);

    public void AddBytesIn(long n) => Interlocked.Add(ref _bytesIn, n);

    public void AddRejected(string reason)
    {
        Interlocked.Increment(ref _rejected);
        RejectsByReason.AddOrUpdate(reason, 1, (_, v) => v + 1);
    }

    public void Count(string name, long n = 1) => Extra.AddOrUpdate(name, n, (_, v) => v + n);

    public void Add(TaskCounters other)
    {
        RecordsIn += other.RecordsIn;
        Kept += other.Kept;
        Rejected += other.Rejected;
        BytesIn += other.BytesIn;
        BytesOut += other.BytesOut;
        Seconds += other.Seconds;
        foreach (var (k, v) in other.RejectsByReason)
            RejectsByReason.AddOrUpdate(k, v, (_, x) => x + v);
        foreach (var (k, v) in other.Extra)
            Extra.AddOrUpdate(k, v, (_, x) => x + v);
    }
}
