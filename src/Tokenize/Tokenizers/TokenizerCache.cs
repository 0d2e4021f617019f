namespace MusicPile.Tokenize;

/// <summary>Where tokenizer files built on this machine are kept.</summary>
public static class TokenizerCache
{
    /// <summary>
    /// <c>$MUSICPILE_HOME/tokenizers</c> when MUSICPILE_HOME is set, else <c>~/.cache/musicpile/tokenizers</c>.
    /// </summary>
    public static string DefaultDirectory
    {
        get
        {
            var home = Environment.GetEnvironmentVariable("MUSICPILE_HOME");
            var root = string.IsNullOrEmpty(home)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "musicpile")
                : home;
            return Path.Combine(root, "tokenizers");
        }
    }
}
