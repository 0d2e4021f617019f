using System.Globalization;
using MusicPile.Core.Pipelines;

namespace MusicPile.Core.Tests;

public sealed class StageOptionsBinderTests
{
    private const string Where = "pipelines/nightly.yaml: stage 'dedup'";

    public enum Unit
    {
        Words,
        AbcNotes,
    }

    /// <summary>An options record with one property of each supported kind and a group.</summary>
    public sealed record Sample : IStageOptions
    {
        public int NumPerm { get; init; } = 112;

        public long MemoryBudgetMb { get; init; } = 256;

        public ulong Seed { get; init; } = 1;

        public double? VerifyThreshold { get; init; } = 0.7;

        public bool Exact { get; init; } = true;

        public Unit AbcUnit { get; init; } = Unit.Words;

        public string Suffix { get; init; } = "-sft";

        public IReadOnlyList<string> Tasks { get; init; } = ["all"];

        public Thresholds Limits { get; init; } = new();

        public int Computed => NumPerm * 2;

        public void Validate()
        {
            if (NumPerm < 1)
                throw new ArgumentOutOfRangeException(nameof(NumPerm), NumPerm, "num_perm must be at least 1");
        }
    }

    public sealed record Thresholds : IStageOptions
    {
        public int MinWords { get; init; } = 5;

        public int MaxWords { get; init; } = 100;

        public void Validate()
        {
            if (MaxWords < MinWords)
                throw new ArgumentException("need min_words <= max_words");
        }
    }

    private static StageOptions Options(params (string Key, object Value)[] values) =>
        new(values.ToDictionary(v => v.Key, v => v.Value));

    private static MusicPileException Fails(params (string Key, object Value)[] values)
    {
        var e = Assert.Throws<MusicPileException>(() => StageOptionsBinder.Bind<Sample>(Options(values), Where));
        Assert.True(e.IsUsage, e.Message);
        return e;
    }

    [Fact]
    public void Keys_not_given_keep_the_records_defaults()
    {
        Assert.Equivalent(new Sample(), StageOptionsBinder.Bind<Sample>(StageOptions.Empty, Where), strict: true);
    }

    [Fact]
    public void Values_are_converted_to_their_property_types()
    {
        var o = StageOptionsBinder.Bind<Sample>(Options(
            ("num_perm", "1_024"), ("memory_budget_mb", "-3"), ("seed", "18446744073709551615"), ("verify_threshold", "none"),
            ("exact", "no"), ("abc_unit", "abc-notes"), ("suffix", "-chat"), ("tasks", "chord"), ("min_words", "2")), Where);
        Assert.Equal(1024, o.NumPerm);
        Assert.Equal(-3, o.MemoryBudgetMb);
        Assert.Equal(ulong.MaxValue, o.Seed);
        Assert.Null(o.VerifyThreshold);
        Assert.False(o.Exact);
        Assert.Equal(Unit.AbcNotes, o.AbcUnit);
        Assert.Equal("-chat", o.Suffix);
        Assert.Equal(["chord"], o.Tasks);
        Assert.Equal(2, o.Limits.MinWords);
        Assert.Equal(100, o.Limits.MaxWords);
        Assert.Equal(0.25, StageOptionsBinder.Bind<Sample>(Options(("verify_threshold", "0.25")), Where).VerifyThreshold);
        Assert.Equal(["a", "b"], StageOptionsBinder.Bind<Sample>(Options(("tasks", new List<string> { "a", "b" })), Where).Tasks);
    }

    [Fact]
    public void Keys_are_the_settable_properties_in_snake_case_with_groups_flattened()
    {
        Assert.Equal(
            ["num_perm", "memory_budget_mb", "seed", "verify_threshold", "exact", "abc_unit", "suffix", "tasks", "min_words", "max_words"],
            StageOptionsBinder.Keys(typeof(Sample)));
    }

    [Fact]
    public void An_unknown_key_names_the_file_the_stage_the_key_and_the_known_keys()
    {
        var e = Fails(("nmu_perm", "5"));
        Assert.StartsWith($"{Where}: unknown option 'nmu_perm' (known: abc_unit, exact, max_words, memory_budget_mb, min_words, num_perm, ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("computed", e.Message, StringComparison.Ordinal);
        var none = Assert.Throws<MusicPileException>(() => StageOptionsBinder.Bind<NoStageOptions>(Options(("x", "1")), "p.yaml: stage 'publish'"));
        Assert.Equal("p.yaml: stage 'publish': unknown option 'x' (this stage takes no options)", none.Message);
    }

    [Theory]
    [InlineData("num_perm", "abc", "option 'num_perm': 'abc' is not a whole number")]
    [InlineData("num_perm", "1.5", "option 'num_perm': '1.5' is not a whole number")]
    [InlineData("num_perm", "99999999999", "option 'num_perm': '99999999999' is out of range")]
    [InlineData("verify_threshold", "high", "option 'verify_threshold': 'high' is not a number")]
    [InlineData("exact", "maybe", "option 'exact': 'maybe' is not true or false")]
    [InlineData("abc_unit", "bars", "option 'abc_unit': 'bars' is not one of words, abc_notes")]
    [InlineData("abc_unit", "1", "option 'abc_unit': '1' is not one of words, abc_notes")]
    [InlineData("min_words", "x\ny", "option 'min_words': 'x\\ny' is not a whole number")]
    public void A_bad_value_names_the_file_the_stage_the_key_and_the_value(string key, string value, string expected)
    {
        Assert.Equal($"{Where}: {expected}", Fails((key, value)).Message);
    }

    [Fact]
    public void Values_of_the_wrong_shape_and_failed_checks_are_usage_errors()
    {
        Assert.Equal($"{Where}: option 'suffix': must be a single value, not a list", Fails(("suffix", new List<string> { "a" })).Message);
        Assert.Equal($"{Where}: option 'tasks': must be a list of values, not a mapping",
            Fails(("tasks", new Dictionary<string, object> { ["a"] = "b" })).Message);
        Assert.Equal($"{Where}: num_perm must be at least 1", Fails(("num_perm", "0")).Message);
        Assert.Equal($"{Where}: need min_words <= max_words", Fails(("min_words", "500")).Message);
    }

    [Fact]
    public void The_registry_checks_every_stage_of_a_pipeline_against_its_options_record()
    {
        var registry = TestStages.Registry();
        var good = PipelineDefinition.Parse("name: p\nstages:\n  - name: gen\n    type: generate\n    options: { rows: 7 }\n", "/", "p.yaml");
        registry.Validate(good);
        var bad = PipelineDefinition.Parse("name: p\nstages:\n  - name: gen\n    type: generate\n    options: { rowz: 7 }\n  - name: filter\n", "/", "p.yaml");
        var e = Assert.Throws<MusicPileException>(() => registry.Validate(bad));
        Assert.Equal("p.yaml: stage 'gen': unknown option 'rowz' (known: fail_marker, fail_rank, rows)", e.Message);
        var options = PipelineDefinition.Parse("name: p\nstages:\n  - name: filter\n    options: { rows: 7 }\n", "/", "p.yaml");
        Assert.Contains("this stage takes no options", Assert.Throws<MusicPileException>(() => registry.Validate(options)).Message, StringComparison.Ordinal);
        var unknown = PipelineDefinition.Parse("name: p\nstages:\n  - name: sort\n", "/", "p.yaml");
        Assert.StartsWith("p.yaml: stage 'sort': unknown stage type 'sort'", Assert.Throws<MusicPileException>(() => registry.Validate(unknown)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Source_options_are_checked_when_the_pipeline_file_is_parsed()
    {
        const string yaml = "name: p\nsources:\n  - name: s\n    paths: [x]\n    options: {0}\nstages:\n  - name: ingest\n";
        var parsed = PipelineDefinition.Parse(string.Format(CultureInfo.InvariantCulture, yaml, "{ text_field: body, src_from_record: yes }"), "/", "p.yaml");
        Assert.Equal("body", parsed.Sources[0].Settings.TextField);
        Assert.True(parsed.Sources[0].Settings.SrcFromRecord);
        var e = Assert.Throws<MusicPileException>(() => PipelineDefinition.Parse(string.Format(CultureInfo.InvariantCulture, yaml, "{ text_feild: body }"), "/", "p.yaml"));
        Assert.True(e.IsUsage);
        Assert.StartsWith("p.yaml: source 's': unknown option 'text_feild' (known: ", e.Message, StringComparison.Ordinal);
    }
}
