using MusicPile.Core.Pipelines;
using MusicPile.Core.Records;

namespace MusicPile.Core.Tests;

public sealed class TaskCountersTests
{
    [Fact]
    public void Every_record_is_counted_once_and_the_counts_survive_the_catalog_json()
    {
        var c = new TaskCounters();
        c.AddIn(10);
        c.AddKept(5);
        c.AddCreated(2);
        c.AddRejected("too-short");
        c.AddRemoved(DedupMethod.Exact, 4);
        c.AddRemoved(DedupMethod.Near, 2);
        Assert.True(c.AddsUp);
        c.AddKept();
        Assert.False(c.AddsUp);

        var back = TaskCounters.FromJson(c.ToJson());
        Assert.Equal(6, back.Removed);
        Assert.Equal(4, back.RemovedByMethod[DedupMethod.Exact]);
        Assert.Equal(0, back.RemovedByMethod[DedupMethod.Music]);
        Assert.Equal(2, back.Created);
        Assert.Contains("\"removed_by_method\":{", c.ToJson(), StringComparison.Ordinal);

        var sum = new TaskCounters();
        sum.Add(back);
        sum.Add(back);
        Assert.Equal(12, sum.Removed);
        Assert.Equal(2, sum.RejectsByReason["too-short"]);
    }

    [Fact]
    public void Counters_stored_before_removals_had_their_own_field_read_the_same()
    {
        const string stored = """{"records_in":449,"kept":330,"rejected":0,"bytes_in":0,"bytes_out":35535,"seconds":0.7,"rejects_by_reason":{},"extra":{"clusters":80,"removed_exact":34,"removed_music":60,"removed_near":25}}""";
        var c = TaskCounters.FromJson(stored);
        Assert.Equal(119, c.Removed);
        Assert.Equal(60, c.RemovedByMethod[DedupMethod.Music]);
        Assert.True(c.AddsUp);
        Assert.Equal(["clusters"], c.Extra.Keys);
    }
}
