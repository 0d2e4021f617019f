using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("MusicPile.Normalize.Tests")]
