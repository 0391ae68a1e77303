using System.ComponentModel.DataAnnotations;

namespace Bot.Retrieval.Chunking;

/// <summary>Chunk sizes in characters.</summary>
public sealed record ChunkerOptions
{
    public const string SectionName = "Chunking";

    /// <summary>A chunk closes at a paragraph end once it has this many characters.</summary>
    [Range(100, 20000)]
    public int TargetChars { get; init; } = 600;

    /// <summary>A chunk never grows past this many characters unless one sentence is longer.</summary>
    [Range(200, 40000)]
    public int MaxChars { get; init; } = 1000;

    /// <summary>How many times a chunk's title and section count in its lexical terms: a question names the topic more often than the passage does.</summary>
    [Range(0, 5)]
    public int HeadingWeight { get; init; } = 2;
}
