using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("MusicPile.Instruct.Tests")]
