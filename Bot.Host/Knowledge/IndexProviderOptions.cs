using System.ComponentModel.DataAnnotations;

namespace Bot.Host.Knowledge;

/// <summary>Which index stores the chunks: the embedded SQLite file (default), or a Qdrant server (Index:Qdrant:*).</summary>
public sealed class IndexProviderOptions
{
    public const string SectionName = "Index";

    [RegularExpression("^(Embedded|Qdrant)$", ErrorMessage = "Index:Provider must be Embedded or Qdrant.")]
    public string Provider { get; set; } = "Embedded";
}
