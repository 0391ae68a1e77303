using System.ComponentModel.DataAnnotations;

namespace Bot.Host.Telegram;

/// <summary>The Telegram worker. With no <see cref="BotToken"/> the host runs the console chat instead.</summary>
public sealed class TelegramOptions : IValidatableObject
{
    public const string SectionName = "Telegram";

    /// <summary>From the environment (Telegram__BotToken) or a key-per-file secrets folder, never from a committed file.</summary>
    [RegularExpression(@"^(\d{1,20}:[A-Za-z0-9_-]{20,})?$", ErrorMessage = "Telegram:BotToken must look like 123456:ABC… (digits, a colon, then the secret).")]
    public string? BotToken { get; set; }

    [Url(ErrorMessage = "Telegram:ApiBaseUrl must be an absolute http(s) URL.")]
    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";

    /// <summary>Numeric Telegram user ids allowed to run admin commands (in private chat only).</summary>
    public long[] AdminUserIds { get; set; } = [];

    /// <summary>The inbox of received updates and the polling offset.</summary>
    [Required]
    public string InboxPath { get; set; } = "data/telegram.db";

    [Range(1, 50)]
    public int PollTimeoutSeconds { get; set; } = 25;

    [Range(1, 1000)]
    public int UserQuestionsPerMinute { get; set; } = 10;

    [Range(1, 20 * 1024 * 1024)]
    public int MaxUploadBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>
    /// How long one upload's download may take, body included; a read that brings no byte for a quarter of it (at most
    /// 30 s) ends it too. A stalled file endpoint otherwise held the admin's chat, and every later command, forever.
    /// </summary>
    [Range(1, 3600)]
    public int DownloadTimeoutSeconds { get; set; } = 120;

    /// <summary>Retries of one message after a 5xx or network error, with backoff, before its update counts as failed.</summary>
    [Range(0, 10)]
    public int SendRetries { get; set; } = 4;

    /// <summary>
    /// Chats handled at once. Most of a chat's time is spent waiting for its send slot (a group gets one message every
    /// 3.2 s), not computing, so this is well above the core count: 10 busy groups need 10 slots to get their 20 a minute.
    /// </summary>
    [Range(1, 1000)]
    public int ChatsInParallel { get; set; } = 64;

    /// <summary>
    /// With an LLM answerer: show the answer while it is written, in one message edited at most every
    /// <see cref="StreamEditSeconds"/> (3.2 s in groups, whose limit is 20 messages a minute), then replaced by the checked answer.
    /// </summary>
    public bool StreamAnswers { get; set; }

    [Range(1.0, 60.0)]
    public double StreamEditSeconds { get; set; } = 1.5;

    /// <summary>
    /// Two questions /start offers to try, written for the documents this bot holds. Empty (the default): questions made
    /// from the documents' titles.
    /// </summary>
    public string[] ExampleQuestions { get; set; } = [];

    /// <summary>Attempts at handling one update before the user gets an apology and the update is set aside.</summary>
    [Range(1, 10)]
    public int MaxHandlingAttempts { get; set; } = 3;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A user id is positive; 0 (a compose default once) made every start send admin commands to chat 0.
        foreach (var id in AdminUserIds.Where(id => id <= 0))
            yield return new ValidationResult($"Telegram:AdminUserIds: {id} is not a Telegram user id (a positive number; @userinfobot tells you yours).", [nameof(AdminUserIds)]);
    }
}
