using System.ComponentModel.DataAnnotations;

namespace Bot.Host.Knowledge;

/// <summary>Where the documents live. Relative paths are relative to the working directory.</summary>
public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    [Required(AllowEmptyStrings = false)]
    public string Folder { get; set; } = "knowledge";

    /// <summary>Questions longer than this are cut, and the user told so.</summary>
    [Range(10, 100000)]
    public int MaxQuestionChars { get; set; } = 1000;
}
