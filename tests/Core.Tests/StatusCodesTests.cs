using System.Text.Json;
using MusicPile.Core.Pipelines;

namespace MusicPile.Core.Tests;

public sealed class StatusCodesTests
{
    [Fact]
    public void Statuses_are_stored_and_written_as_the_words_existing_catalogs_hold()
    {
        Assert.Equal(["running", "succeeded", "failed"], Enum.GetValues<RunStatus>().Select(s => s.Code()));
        Assert.Equal(["pending", "running", "done", "failed"], Enum.GetValues<StageTaskStatus>().Select(s => s.Code()));
        Assert.Equal("\"done\"", JsonSerializer.Serialize(StageTaskStatus.Done));
        Assert.Equal(RunStatus.Succeeded, JsonSerializer.Deserialize<RunStatus>("\"succeeded\""));
    }
}
