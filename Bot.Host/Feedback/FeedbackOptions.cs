using System.ComponentModel.DataAnnotations;

namespace Bot.Host.Feedback;

/// <summary>Where questions and votes are kept for /gaps, and for how long.</summary>
public sealed class FeedbackOptions
{
    public const string SectionName = "Feedback";

    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "data/feedback.db";

    /// <summary>Questions, answers and votes older than this are deleted.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 90;
}
