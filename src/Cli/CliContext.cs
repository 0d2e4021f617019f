using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using MusicPile.Core;
using MusicPile.Core.Catalog;
using Npgsql;

namespace MusicPile.Cli;

/// <summary>What a verb needs from the command line: the home, the catalog, and where to print.</summary>
internal sealed class CliContext(ParseResult parse)
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public ParseResult Parse => parse;
    public MusicPileHome Home { get; } = MusicPileHome.Resolve(parse.GetValue(GlobalOptions.Home));
    public string? DbConnection => parse.GetValue(GlobalOptions.Db);
    public bool Json => parse.GetValue(GlobalOptions.Json);

    /// <summary>Human text: stdout normally, stderr under --json.</summary>
    public TextWriter Human => Json ? Console.Error : Console.Out;

    public Task<CatalogConnection> OpenCatalogAsync(CancellationToken ct, bool migrate = true) =>
        CatalogConnection.OpenAsync(Home, DbConnection, ct, migrate);

    public void WriteJson(object value)
    {
        Console.Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));
    }

    /// <summary>Runs a verb body with the contract's exit codes and one-line errors.</summary>
    public static async Task<int> GuardAsync(ParseResult parse, Func<CliContext, CancellationToken, Task<int>> body, CancellationToken ct)
    {
        var ctx = new CliContext(parse);
        try
        {
            return await body(ctx, ct).ConfigureAwait(false);
        }
        catch (MusicPileException e)
        {
            Console.Error.WriteLine($"musicpile: {e.Message}");
            return e.IsUsage ? ExitCodes.Usage : ExitCodes.Failed;
        }
        catch (NpgsqlException e)
        {
            var state = e is PostgresException pe ? $" [{pe.SqlState}]" : "";
            Console.Error.WriteLine($"musicpile: database error{state}: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("musicpile: cancelled");
            return ExitCodes.Failed;
        }
    }
}
