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

    [LoggerMessage(1008, LogLevel.Warning, "{Error}; waiting {Seconds} s for it before starting")]
    public static partial void IndexNotReadyYet(this ILogger logger, string error, double seconds);

    [LoggerMessage(1009, LogLevel.Information, "Index ready: {Documents} documents, {Chunks} chunks")]
    public static partial void IndexReady(this ILogger logger, int documents, int chunks);

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

    [LoggerMessage(1106, LogLevel.Debug, "A streaming update to chat {ChatId} failed: {Error}")]
    public static partial void StreamingEditFailed(this ILogger logger, long chatId, string error);

    [LoggerMessage(1107, LogLevel.Information, "The streamed message in chat {ChatId} could not take the final answer ({Error}); sending it anew")]
    public static partial void StreamingFinalResent(this ILogger logger, long chatId, string error);

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

    [LoggerMessage(1207, LogLevel.Debug, "Ignoring update {UpdateId} of type {Type}")]
    public static partial void UpdateIgnored(this ILogger logger, int? updateId, global::Telegram.Bot.Types.Enums.UpdateType? type);

    [LoggerMessage(1208, LogLevel.Debug, "Follow-up in chat {ChatId} searched as a standalone question")]
    public static partial void FollowUpStandalone(this ILogger logger, long chatId);

    [LoggerMessage(1209, LogLevel.Debug, "answerCallbackQuery failed: {Error}")]
    public static partial void CallbackAnswerFailed(this ILogger logger, string error);

    [LoggerMessage(1210, LogLevel.Information, "Voice from user {UserId} refused: {Seconds} s is over Speech:MaxSeconds")]
    public static partial void VoiceTooLong(this ILogger logger, long? userId, int seconds);

    [LoggerMessage(1211, LogLevel.Information, "Voice from user {UserId} refused: {Bytes} bytes is over Speech:MaxBytes")]
    public static partial void VoiceTooLarge(this ILogger logger, long? userId, long? bytes);

    [LoggerMessage(1212, LogLevel.Warning, "Voice from user {UserId} not downloaded: {Outcome}")]
    public static partial void VoiceNotDownloaded(this ILogger logger, long? userId, string outcome);

    [LoggerMessage(1213, LogLevel.Information, "Voice from user {UserId}: {Outcome}, {Chars} characters")]
    public static partial void VoiceTranscribed(this ILogger logger, long? userId, string outcome, int chars);

    [LoggerMessage(1214, LogLevel.Warning, "A voice temporary could not be removed: {Error}")]
    public static partial void VoiceTemporaryKept(this ILogger logger, string error);

    [LoggerMessage(1220, LogLevel.Error, "Re-index requested by user {UserId} failed: {Error}")]
    public static partial void AdminReindexFailed(this ILogger logger, long? userId, string error);

    [LoggerMessage(1221, LogLevel.Error, "Re-index requested by user {UserId} refused: {Error}")]
    public static partial void AdminReindexRefused(this ILogger logger, long? userId, string error);

    [LoggerMessage(1222, LogLevel.Error, "Re-index requested by user {UserId} failed")]
    public static partial void AdminReindexCrashed(this ILogger logger, Exception exception, long? userId);

    [LoggerMessage(1223, LogLevel.Error, "A taught answer could not be indexed: {Error}")]
    public static partial void TaughtNotIndexed(this ILogger logger, string error);

    [LoggerMessage(1224, LogLevel.Error, "Admin action {Action} by user {UserId} refused: {Error}")]
    public static partial void AdminActionRefused(this ILogger logger, string action, long? userId, string error);

    [LoggerMessage(1225, LogLevel.Error, "Upload from user {UserId} saved but not indexed: {Error}")]
    public static partial void UploadNotIndexed(this ILogger logger, long? userId, string error);

    [LoggerMessage(1226, LogLevel.Error, "Upload from user {UserId} failed")]
    public static partial void UploadFailed(this ILogger logger, Exception exception, long? userId);

    [LoggerMessage(1227, LogLevel.Debug, "A stale upload temporary could not be removed: {Error}")]
    public static partial void UploadTemporaryKept(this ILogger logger, string error);
}
