using System.CommandLine;

namespace MusicPile.Cli;

/// <summary>Options every verb takes.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Home = new("--home")
    {
        Description = "MusicPile home folder (default $MUSICPILE_HOME, else ./.musicpile)",
        Recursive = true,
    };

    public static readonly Option<string?> Db = new("--db")
    {
        Description = "PostgreSQL connection string (default $MUSICPILE_DB, else the embedded database under <home>/pg)",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print one machine-readable JSON object on stdout; human text goes to stderr",
        Recursive = true,
    };

    public static IEnumerable<Option> All => [Home, Db, Json];
}
