using System.ComponentModel.DataAnnotations;

namespace Bot.Retrieval.Index;

/// <summary>The embedded index: one SQLite file.</summary>
public sealed class EmbeddedIndexOptions
{
    public const string SectionName = "Index:Embedded";

    [Required]
    public string Path { get; set; } = "data/index.db";
}
