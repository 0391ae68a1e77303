using System.ComponentModel.DataAnnotations;

namespace Bot.Host.Knowledge;

/// <summary>Which answerer writes answers. Only the extractive one is built so far.</summary>
public sealed class AnsweringOptions
{
    public const string SectionName = "Answering";

    [RegularExpression("^Extractive$", ErrorMessage = "Answering:Provider must be Extractive: the OpenAI and Azure OpenAI answerers are not built yet.")]
    public string Provider { get; set; } = "Extractive";
}
