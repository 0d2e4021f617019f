using MusicPile.Core.Pipelines;

namespace MusicPile.Core.Tests;

public sealed class SlurmJobNameTests
{
    [Fact]
    public void Runs_with_the_same_id_in_two_homes_get_different_job_names()
    {
        var a = SlurmExecutor.JobNameFor(1, "/srv/corpus-a");
        var b = SlurmExecutor.JobNameFor(1, "/srv/corpus-b");
        Assert.NotEqual(a, b);
        Assert.StartsWith("musicpile-run-1-", a, StringComparison.Ordinal);
        Assert.Equal(a, SlurmExecutor.JobNameFor(1, "/srv/corpus-a/"[..^1]));
        Assert.Matches("^[A-Za-z0-9_.-]+$", a);
    }
}
