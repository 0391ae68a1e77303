namespace Bot.Host.Telegram;

/// <summary>
/// The Telegram worker's events, source-generated (no boxing, no template parsing per call), with stable ids to filter
/// and alert on: 1000s polling, 1100s sending, 1200s handling.
/// </summary>
internal static partial class TelegramLog
{
    [LoggerMessage(1000, LogLevel.Information, "Telegram worker started as @{Username} ({BotId})")]
    public static partial void WorkerStarted(this ILogger logger, string? username, long botId);

    [LoggerMessage(1001, LogLevel.Warning, "{Count} updates without a usable update_id were skipped")]
    public static partial void UpdatesWithoutId(this ILogger logger, int count);

    [LoggerMessage(1002, LogLevel.Information, "{Count} updates were delivered again and stored once")]
    public static partial void UpdatesRedelivered(this ILogger logger, int count);

    [LoggerMessage(1003, LogLevel.Critical, "Telegram rejected the bot token ({Method}: {Error}); check Telegram:BotToken. Stopping.")]
    public static partial void TokenRejected(this ILogger logger, string method, string error);

    [LoggerMessage(1004, LogLevel.Warning, "Telegram reports a conflict ({Error}): another instance is polling or a webhook is set; backing off")]
    public static partial void PollingConflict(this ILogger logger, string error);

    [LoggerMessage(1005, LogLevel.Warning, "Telegram asked to slow down polling for {RetryAfter} s")]
    public static partial void PollingSlowedDown(this ILogger logger, int retryAfter);

    [LoggerMessage(1006, LogLevel.Warning, "{Method} failed ({ErrorType}: {Error}); retrying")]
    public static partial void PollingFailed(this ILogger logger, string method, string errorType, string error);

    [LoggerMessage(1007, LogLevel.Warning, "Registering the command menu failed ({Error}); commands still work when typed")]
    public static partial void CommandMenuFailed(this ILogger logger, string error);

    [LoggerMessage(1100, LogLevel.Debug, "typing action for chat {ChatId} failed: {Error}")]
    public static partial void TypingFailed(this ILogger logger, long chatId, string error);

    [LoggerMessage(1101, LogLevel.Warning, "Telegram asked to slow down for chat {ChatId}: pausing it {RetryAfter} s")]
    public static partial void ChatPaused(this ILogger logger, long chatId, double retryAfter);

    [LoggerMessage(1102, LogLevel.Warning, "Telegram rejected the markup of a message to chat {ChatId} ({Error}); resending it as plain text")]
    public static partial void MarkupRejected(this ILogger logger, long chatId, string error);

    [LoggerMessage(1103, LogLevel.Information, "Chat {ChatId} became supergroup {NewChatId}; resending there")]
    public static partial void ChatMigrated(this ILogger logger, long chatId, long newChatId);

    [LoggerMessage(1104, LogLevel.Warning, "Telegram refused messages to chat {ChatId}: {Error}")]
    public static partial void ChatRefused(this ILogger logger, long chatId, string error);

    [LoggerMessage(1105, LogLevel.Warning, "Sending to chat {ChatId} failed ({Error}); retry {Attempt} in {Delay} s")]
    public static partial void SendRetried(this ILogger logger, long chatId, string error, int attempt, double delay);

    [LoggerMessage(1200, LogLevel.Error, "The dispatcher loop failed; retrying in a second")]
    public static partial void DispatcherFailed(this ILogger logger, Exception exception);

    [LoggerMessage(1201, LogLevel.Warning, "Update {UpdateId} set aside: {Reason}")]
    public static partial void UpdateSetAside(this ILogger logger, int updateId, string reason);

    [LoggerMessage(1202, LogLevel.Warning, "Handling update {UpdateId} failed (attempt {Attempt}); retrying in {Delay} s")]
    public static partial void HandlingRetried(this ILogger logger, Exception exception, int updateId, int attempt, double delay);

    [LoggerMessage(1203, LogLevel.Error, "Handling update {UpdateId} failed {Attempts} times; apologising to chat {ChatId}")]
    public static partial void HandlingAbandoned(this ILogger logger, Exception exception, int updateId, int attempts, long chatId);

    [LoggerMessage(1204, LogLevel.Error, "The apology to chat {ChatId} could not be sent either")]
    public static partial void ApologyFailed(this ILogger logger, Exception exception, long chatId);

    [LoggerMessage(1205, LogLevel.Warning, "A question in chat {ChatId} could not be answered: {Error}")]
    public static partial void QuestionUnanswerable(this ILogger logger, long chatId, string error);

    [LoggerMessage(1206, LogLevel.Information, "Admin action {Action} by user {UserId} in chat {ChatId}: {Result}")]
    public static partial void AdminAction(this ILogger logger, string action, long? userId, long chatId, string result);
}
