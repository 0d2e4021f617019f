using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("MusicPile.Core.Tests")]
