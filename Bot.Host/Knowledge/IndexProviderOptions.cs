using System.ComponentModel.DataAnnotations;

namespace Bot.Host.Knowledge;

/// <summary>Which index stores the chunks. Only the embedded SQLite index is built so far.</summary>
public sealed class IndexProviderOptions
{
    public const string SectionName = "Index";

    [RegularExpression("^(Embedded|Qdrant)$", ErrorMessage = "Index:Provider must be Embedded or Qdrant.")]
    public string Provider { get; set; } = "Embedded";
}
