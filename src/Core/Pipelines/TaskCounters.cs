using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using MusicPile.Core.Records;

namespace MusicPile.Core.Pipelines;

/// <summary>
/// What one task did. Every record a task reads is counted once as kept, rejected (by reason) or removed (by dedup
/// method); records a stage makes beyond its input (transposed copies) are counted as created, so
/// <c>records_in + created = kept + rejected + removed</c> (<see cref="AddsUp"/>). Bytes in are the data files the
/// task was given (ingest: its source files); bytes out are the files it kept records in.
/// </summary>
public sealed class TaskCounters
{
    private long _recordsIn;
    private long _kept;
    private long _rejected;
    private long _created;
    private long _bytesIn;
    private long _bytesOut;

    [JsonPropertyName("records_in")]
    public long RecordsIn { get => _recordsIn; set => _recordsIn = value; }

    [JsonPropertyName("kept")]
    public long Kept { get => _kept; set => _kept = value; }

    [JsonPropertyName("rejected")]
    public long Rejected { get => _rejected; set => _rejected = value; }

    /// <summary>Records removed as duplicates, all methods together.</summary>
    [JsonPropertyName("removed")]
    public long Removed => RemovedCodes.Values.Sum();

    /// <summary>Records written that were not among the input (a tune transposed into more keys).</summary>
    [JsonPropertyName("created")]
    public long Created { get => _created; set => _created = value; }

    [JsonPropertyName("bytes_in")]
    public long BytesIn { get => _bytesIn; set => _bytesIn = value; }

    [JsonPropertyName("bytes_out")]
    public long BytesOut { get => _bytesOut; set => _bytesOut = value; }

    [JsonPropertyName("seconds")]
    public double Seconds { get; set; }

    [JsonPropertyName("rejects_by_reason")]
    public ConcurrentDictionary<string, long> RejectsByReason { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Duplicates removed by each method (every method listed, zero when it removed none).</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<DedupMethod, long> RemovedByMethod =>
        DedupMethods.All.ToDictionary(m => m, m => RemovedCodes.GetValueOrDefault(m.Code()));

    /// <summary>Stage-specific counts (repairs made, files skipped as unchanged, clusters...).</summary>
    [JsonPropertyName("extra")]
    public ConcurrentDictionary<string, long> Extra { get; init; } = new(StringComparer.Ordinal);

    /// <summary>As stored: keyed by <see cref="DedupMethods.Code"/>.</summary>
    [JsonInclude]
    [JsonPropertyName("removed_by_method")]
    internal ConcurrentDictionary<string, long> RemovedCodes { get; init; } = new(StringComparer.Ordinal);

    /// <summary>True when every record read is accounted for: in + created = kept + rejected + removed.</summary>
    [JsonIgnore]
    public bool AddsUp => RecordsIn + Created == Kept + Rejected + Removed;

    public void AddIn(long n = 1) => Interlocked.Add(ref _recordsIn, n);

    public void AddKept(long n = 1) => Interlocked.Add(ref _kept, n);

    public void AddCreated(long n = 1) => Interlocked.Add(ref _created, n);

    public void AddBytesIn(long n) => Interlocked.Add(ref _bytesIn, n);

    public void AddBytesOut(long n) => Interlocked.Add(ref _bytesOut, n);

    public void AddRejected(string reason)
    {
        Interlocked.Increment(ref _rejected);
        RejectsByReason.AddOrUpdate(reason, 1, (_, v) => v + 1);
    }

    public void AddRemoved(DedupMethod method, long n = 1) => RemovedCodes.AddOrUpdate(method.Code(), n, (_, v) => v + n);

    public void Count(string name, long n = 1) => Extra.AddOrUpdate(name, n, (_, v) => v + n);

    public void Add(TaskCounters other)
    {
        ArgumentNullException.ThrowIfNull(other);
        RecordsIn += other.RecordsIn;
        Kept += other.Kept;
        Rejected += other.Rejected;
        Created += other.Created;
        BytesIn += other.BytesIn;
        BytesOut += other.BytesOut;
        Seconds += other.Seconds;
        foreach (var (k, v) in other.RejectsByReason)
            RejectsByReason.AddOrUpdate(k, v, (_, x) => x + v);
        foreach (var (k, v) in other.RemovedCodes)
            RemovedCodes.AddOrUpdate(k, v, (_, x) => x + v);
        foreach (var (k, v) in other.Extra)
            Extra.AddOrUpdate(k, v, (_, x) => x + v);
    }

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Counters as the catalog stores them; rows written before removals had their own field carry them in <c>extra</c>.</summary>
    public static TaskCounters FromJson(string json)
    {
        var c = JsonSerializer.Deserialize<TaskCounters>(json) ?? new TaskCounters();
        if (c.RemovedCodes.IsEmpty)
        {
            foreach (var m in DedupMethods.All)
            {
                if (c.Extra.TryRemove(LegacyRemovedKey(m), out var n))
                    c.AddRemoved(m, n);
            }
        }
        return c;
    }

    private static string LegacyRemovedKey(DedupMethod m) => "removed_" + m.Code();
}
