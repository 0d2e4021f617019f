namespace MusicPile.Cli.Tests;

/// <summary>A pipeline file with a bad option or name stops <c>musicpile run</c> with exit code 2 before any database is started.</summary>
public sealed class PipelineFileTests
{
    private static async Task<(Cli.Result Result, string File)> RunAsync(string yaml)
    {
        var dir = TestPaths.NewTempDir();
        var file = Path.Combine(dir, "nightly.yaml");
        await File.WriteAllTextAsync(file, yaml);
        var home = Path.Combine(dir, "home");
        var r = await Cli.RunAsync("run", file, "--home", home);
        Assert.False(Directory.Exists(Path.Combine(home, "pg")), "the catalog database was started for a pipeline file that cannot run");
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.StdErr.Trim().Split('\n'));
        return (r, file);
    }

    [Fact]
    public async Task An_unknown_option_names_the_file_the_stage_and_the_key()
    {
        var (r, file) = await RunAsync("name: nightly\nstages:\n  - name: dedup\n    type: dedup\n    options:\n      nmu_perm: 128\n");
        Assert.Contains($"{file}: stage 'dedup': unknown option 'nmu_perm' (known: ", r.StdErr, StringComparison.Ordinal);
        Assert.Contains("bands", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_number_names_the_file_the_stage_the_key_and_the_value()
    {
        var (r, file) = await RunAsync("name: nightly\nstages:\n  - name: ingest\n  - name: dedup\n    options:\n      bands: abc\n");
        Assert.Contains($"{file}: stage 'dedup': option 'bands': 'abc' is not a whole number", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_source_option_names_the_file_the_source_and_the_key()
    {
        var (r, file) = await RunAsync("name: nightly\nsources:\n  - name: text\n    paths: [x]\n    options: { src_from_record: sometimes }\nstages:\n  - name: ingest\n");
        Assert.Contains($"{file}: source 'text': option 'src_from_record': 'sometimes' is not true or false", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stage_name_with_a_newline_is_refused_naming_the_file_and_the_name()
    {
        var (r, file) = await RunAsync("name: nightly\nstages:\n  - name: \"ingest\\nrm -rf\"\n    type: ingest\n");
        Assert.Contains($"{file}:3:5: stage name 'ingest\\nrm -rf' is not allowed", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_source_name_that_climbs_out_of_its_folder_is_refused_naming_the_file_and_the_name()
    {
        var (r, file) = await RunAsync("name: nightly\nsources:\n  - name: ../../outside\n    paths: [x]\nstages:\n  - name: ingest\n");
        Assert.Contains($"{file}:3:5: source name '../../outside' is not allowed", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resubmitting_failed_tasks_is_refused_for_a_local_run()
    {
        var dir = TestPaths.NewTempDir();
        var file = Path.Combine(dir, "nightly.yaml");
        await File.WriteAllTextAsync(file, "name: nightly\nstages:\n  - name: ingest\n");
        var r = await Cli.RunAsync("run", file, "--resubmit-failed", "--home", Path.Combine(dir, "home"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--resubmit-failed is for --executor slurm", r.StdErr, StringComparison.Ordinal);
    }
}
