using MusicPile.Abc;
using MusicPile.Serve.Music;

namespace MusicPile.Serve.Tests;

public sealed class AbcGrammarTests(ServerFixture server, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    private const string Alphabet = "XLQMK:0123456789/=#bmijoprxyhl CDEFGABcdefgabz^_,'|[]\n";

    [Fact]
    public void RandomWalksThroughTheGrammarAlwaysCloseIntoValidTunes()
    {
        var random = new Random(17);
        var grammar = AbcGrammar.Instance;
        for (var walk = 0; walk < 400; walk++)
        {
            var state = new AbcGrammarState();
            var text = new System.Text.StringBuilder();
            var length = random.Next(0, 300);
            while (text.Length < length)
            {
                var options = Alphabet.Where(c => { var probe = state; return grammar.Step(ref probe, c); }).ToArray();
                Assert.NotEmpty(options);
                var c = options[random.Next(options.Length)];
                grammar.Step(ref state, c);
                text.Append(c);
            }
            var closing = grammar.Closing(state);
            foreach (var c in closing)
                Assert.True(grammar.Step(ref state, c), $"closing '{closing}' rejected after '{text}'");
            Assert.True(AbcGrammar.CanEnd(state));
            text.Append(closing);
            var tune = AbcDocument.ParseTune(text.ToString());
            Assert.NotNull(tune);
            var diagnostics = AbcValidator.Validate(tune);
            Assert.False(AbcValidator.IsFatal(diagnostics), text + "\n" + string.Join("\n", diagnostics));
            Assert.Equal(text.ToString(), TuneExtractor.Extract(text.ToString()));
        }
    }

    [Fact]
    public void HeaderIsStrictCorpusForm()
    {
        var grammar = AbcGrammar.Instance;
        var state = new AbcGrammarState();
        foreach (var c in "X:1\nL:1/8\nQ:1/4=120\nM:6/8\nK:Dmix\n") Assert.True(grammar.Step(ref state, c), $"'{c}'");
        Assert.Equal(HeaderPhase.Body, state.Phase);
        var fresh = new AbcGrammarState();
        Assert.False(grammar.Step(ref fresh, 'T'));
        var afterX = new AbcGrammarState();
        foreach (var c in "X:1\n") grammar.Step(ref afterX, c);
        Assert.False(grammar.Step(ref afterX, 'M'));
    }

    [Fact]
    public async Task TwentyConstrainedGenerationsFromARandomModelAllValidate()
    {
        var valid = 0;
        for (var i = 0; i < 20; i++)
        {
            var body = await server.PostJsonAsync("/v1/completions", new { prompt = "Human: write a tune </s> Assistant: ", max_tokens = 96, temperature = 1.0, abc_constrained = true, seed = 100 + i });
            var choice = body["choices"]![0]!;
            var text = (string)choice["text"]!;
            var abc = choice["abc"];
            Assert.True(abc is not null, "no tune in: " + text);
            var tune = AbcDocument.ParseTune((string)abc["text"]!);
            Assert.NotNull(tune);
            var ok = !AbcValidator.IsFatal(AbcValidator.Validate(tune));
            Assert.True(ok && (bool)abc["valid"]!, text);
            if (ok) valid++;
            if (i == 0) output.WriteLine(text);
        }
        output.WriteLine($"constrained parse rate: {valid}/20");
    }
}
