using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Host.Logging;

/// <summary>
/// The host's events outside the Telegram worker (which has TelegramLog), source-generated, with stable ids
/// to filter and alert on: 2000s knowledge, 2100s the LLM, 2200s conversations, 2300s health, 2400s console chat and
/// CLI, 2500s speech. An exception is attached where its stack tells something; the faults the bot explains itself
/// (a full disk, a missing folder) log their message alone, and <see cref="LoggingExtensions"/> drops such exceptions.
/// </summary>
internal static partial class HostLog
{
    [LoggerMessage(2000, LogLevel.Error, "{Error} Answering from the index as it is ({Documents} documents, {Chunks} chunks) until the folder is back.")]
    public static partial void FolderGoneIndexKept(this ILogger logger, string error, int documents, int chunks);

    [LoggerMessage(2001, LogLevel.Error, "The index could not be brought up to date: {Error} Answering from the previous index: {Documents} documents, {Chunks} chunks.")]
    public static partial void IndexNotUpdated(this ILogger logger, Exception? exception, string error, int documents, int chunks);

    [LoggerMessage(2002, LogLevel.Debug, "A Russian question translated by the LLM as {Kazakh}")]
    public static partial void RussianTranslated(this ILogger logger, string kazakh);

    [LoggerMessage(2003, LogLevel.Debug, "A Russian question searched as {Kazakh}")]
    public static partial void RussianBridged(this ILogger logger, string kazakh);

    [LoggerMessage(2004, LogLevel.Error, "The index file {Path} is corrupt; moved it to {Aside} and rebuilding it from {Folder}")]
    public static partial void CorruptIndexSetAside(this ILogger logger, Exception exception, string path, string? aside, string folder);

    [LoggerMessage(2100, LogLevel.Information, "LLM answer in {Ms} ms ({Attempts} request(s)), found: {Found}")]
    public static partial void LlmAnswered(this ILogger logger, long ms, int attempts, bool found);

    [LoggerMessage(2101, LogLevel.Warning, "The LLM answer was not used ({Reason}) after {Ms} ms; answering extractively")]
    public static partial void LlmAnswerNotUsed(this ILogger logger, string reason, long ms);

    [LoggerMessage(2102, LogLevel.Warning, "The LLM's translation of a Russian question was not one Kazakh line; using the word bridge")]
    public static partial void TranslationNotOneLine(this ILogger logger);

    [LoggerMessage(2103, LogLevel.Warning, "The LLM could not translate a Russian question ({Kind}); using the word bridge")]
    public static partial void TranslationFailed(this ILogger logger, string kind);

    [LoggerMessage(2200, LogLevel.Information, "Follow-up rewritten by the LLM")]
    public static partial void FollowUpRewritten(this ILogger logger);

    [LoggerMessage(2201, LogLevel.Warning, "The LLM could not rewrite a follow-up ({Error}); carrying the previous question's words")]
    public static partial void FollowUpNotRewritten(this ILogger logger, string error);

    [LoggerMessage(EventId = 2300, Message = "Health: healthy={Healthy} documents={Documents} chunks={Chunks} lastIndexed={LastIndexedAt} indexCurrent={IndexCurrent} embeddings={Embeddings} telegram={Telegram} llm={Llm} problems={Problems}")]
    public static partial void Health(this ILogger logger, LogLevel level, bool healthy, int documents, int chunks, DateTimeOffset? lastIndexedAt,
        bool indexCurrent, bool embeddings, bool? telegram, bool? llm, IReadOnlyList<string> problems);

    [LoggerMessage(2301, LogLevel.Warning, "Health: the check did not finish ({Status}): {Description}")]
    public static partial void HealthCheckUnfinished(this ILogger logger, Exception? exception, HealthStatus status, string? description);

    [LoggerMessage(2302, LogLevel.Warning, "Health: the index cannot be read: {Error}")]
    public static partial void HealthIndexUnreadable(this ILogger logger, Exception? exception, string error);

    [LoggerMessage(2303, LogLevel.Warning, "Health: the embedding provider failed: {Error}")]
    public static partial void HealthEmbeddingsFailed(this ILogger logger, string error);

    [LoggerMessage(2304, LogLevel.Warning, "Health: the LLM failed ({ErrorType})")]
    public static partial void HealthLlmFailed(this ILogger logger, string errorType);

    [LoggerMessage(2305, LogLevel.Warning, "Health: getMe failed ({ErrorType})")]
    public static partial void HealthTelegramFailed(this ILogger logger, string errorType);

    [LoggerMessage(2400, LogLevel.Warning, "{Advice}")]
    public static partial void ConsoleNoInput(this ILogger logger, string advice);

    [LoggerMessage(2401, LogLevel.Error, "Console chat could not answer")]
    public static partial void ConsoleAnswerFailed(this ILogger logger, Exception exception);

    [LoggerMessage(2402, LogLevel.Critical, "{Error}")]
    public static partial void NothingToChatOver(this ILogger logger, string error);

    [LoggerMessage(2403, LogLevel.Error, "Re-index failed: {Error}")]
    public static partial void ReindexFailed(this ILogger logger, string error);

    [LoggerMessage(2404, LogLevel.Error, "Re-index refused: {Error}")]
    public static partial void ReindexRefused(this ILogger logger, string error);

    [LoggerMessage(2405, LogLevel.Warning, "{File}:{Line}: {Problem}; answered with an error object")]
    public static partial void CliLineRefused(this ILogger logger, string file, int line, string problem);

    [LoggerMessage(2500, LogLevel.Warning, "Speech: no transcript within {Seconds} s")]
    public static partial void SpeechTimedOut(this ILogger logger, int seconds);

    [LoggerMessage(2501, LogLevel.Warning, "Speech: the transcription failed ({Kind}{Status})")]
    public static partial void SpeechFailed(this ILogger logger, string kind, string status);
}
