namespace MusicPile.Train.Tests;

/// <summary>Tests that measure the process's memory run alone, with no other test allocating beside them.</summary>
[CollectionDefinition("process memory", DisableParallelization = true)]
public sealed class ProcessMemoryCollection;
