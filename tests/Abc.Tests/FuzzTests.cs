using System.Text;
using MusicPile.Abc;

namespace MusicPile.Abc.Tests;

public sealed class FuzzTests(ITestOutputHelper output)
{
    private const string Specials = "|:[]{}()\"!+^_=,'/<>-.~\\%&xzZ0123456789 \nKMLV";

    [Fact]
    public void Mutated_real_tunes_and_random_bytes_never_throw()
    {
        var seeds = DatasetCorpus.All().Where((_, i) => i % 23 == 0).Select(f => f.Text).Take(40).ToList();
        var random = new Random(20240520);
        var cases = 0;
        for (var round = 0; round < 2500; round++)
        {
            var source = seeds[round % seeds.Count];
            var sb = new StringBuilder(source.Length > 3000 ? source[..3000] : source);
            var edits = random.Next(1, 12);
            for (var e = 0; e < edits && sb.Length > 0; e++)
            {
                var at = random.Next(sb.Length);
                switch (random.Next(4))
                {
                    case 0: sb.Remove(at, Math.Min(random.Next(1, 8), sb.Length - at)); break;
                    case 1: sb.Insert(at, Specials[random.Next(Specials.Length)]); break;
                    case 2: sb.Insert(at, new string(Specials[random.Next(Specials.Length)], random.Next(1, 200))); break;
                    default: sb[at] = (char)random.Next(0, 0x3000); break;
                }
            }
            Exercise(sb.ToString());
            cases++;
        }
        for (var round = 0; round < 500; round++)
        {
            var bytes = new byte[random.Next(0, 600)];
            random.NextBytes(bytes);
            var text = AbcText.Decode(bytes).Text;
            Exercise("X:1\nK:C\n" + text);
            Exercise(text);
            cases++;
        }
        output.WriteLine($"fuzz cases: {cases}");
        Assert.Equal(3000, cases);
    }

    [Theory]
    [InlineData("(")]
    [InlineData("[")]
    [InlineData("{")]
    [InlineData("!")]
    [InlineData("\"")]
    [InlineData("(3")]
    [InlineData("A>")]
    [InlineData("[K:")]
    [InlineData("|[1")]
    public async Task Pathological_nesting_is_linear(string unit)
    {
        var body = string.Concat(Enumerable.Repeat(unit, 50_000));
        var task = Task.Run(() => Exercise("X:1\nM:4/4\nK:C\n" + body + "\n"), TestContext.Current.CancellationToken);
        var finished = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.True(finished == task, "parsing did not finish");
        await task;
    }

    private static void Exercise(string text)
    {
        foreach (var tune in AbcDocument.Parse(text, "fuzz.abc").Tunes)
        {
            AbcValidator.Validate(tune);
            var written = AbcWriter.Write(tune);
            AbcDocument.Parse(written);
            AbcNormalizer.Normalize(tune);
            MelodyFingerprint.Compute(tune);
            AbcTransposer.Transpose(tune, 3);
            MidiWriter.Write(tune);
        }
    }
}
