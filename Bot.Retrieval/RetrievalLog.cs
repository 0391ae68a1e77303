using Microsoft.Extensions.Logging;

namespace Bot.Retrieval;

/// <summary>
/// The retrieval core's events, source-generated, with stable ids to filter and alert on: 3000s ingestion, 3100s
/// parsing, 3200s search, 3300s the Qdrant index.
/// </summary>
internal static partial class RetrievalLog
{
    [LoggerMessage(3000, LogLevel.Warning, "Knowledge folder: {Problem}")]
    public static partial void FolderProblem(this ILogger logger, string problem);

    [LoggerMessage(3001, LogLevel.Information, "The index was built with {OldModel}/{OldAnalyzer}; rebuilding with {Model}/{Analyzer}")]
    public static partial void RebuildingOtherwise(this ILogger logger, string? oldModel, string? oldAnalyzer, string model, string analyzer);

    [LoggerMessage(3002, LogLevel.Information, "Indexing {Count} new or changed documents")]
    public static partial void Indexing(this ILogger logger, int count);

    [LoggerMessage(3003, LogLevel.Information, "Writing {Documents} documents and {Removals} removals to the index")]
    public static partial void Writing(this ILogger logger, int documents, int removals);

    [LoggerMessage(3004, LogLevel.Information,
        "Index up to date: {Added} added, {Changed} changed, {Removed} removed, {Unchanged} unchanged; {Chunks} chunks ({Written} written) in {ElapsedMs} ms")]
    public static partial void UpToDate(this ILogger logger, int added, int changed, int removed, int unchanged, int chunks, int written, long elapsedMs);

    [LoggerMessage(3005, LogLevel.Information, "Prepared {Done}/{Total} documents")]
    public static partial void Prepared(this ILogger logger, int done, int total);

    [LoggerMessage(3100, LogLevel.Warning, "Parsing {File} failed: {Detail}")]
    public static partial void ParsingFailed(this ILogger logger, string file, string detail);

    [LoggerMessage(3101, LogLevel.Debug, "Parsed {File} in {Ms} ms (peak {MB} MB)")]
    public static partial void Parsed(this ILogger logger, string file, long ms, long mb);

    [LoggerMessage(3102, LogLevel.Warning, "Parsing {File}: the parser's reply was not understood")]
    public static partial void ParserReplyNotUnderstood(this ILogger logger, Exception exception, string file);

    [LoggerMessage(3200, LogLevel.Warning, "The embedding provider failed ({Error}); this question is searched lexically only")]
    public static partial void EmbeddingFailed(this ILogger logger, string error);

    [LoggerMessage(3300, LogLevel.Information, "Qdrant: created collection {Collection} ({Dimensions} dimensions)")]
    public static partial void QdrantCreated(this ILogger logger, string collection, int dimensions);

    [LoggerMessage(3301, LogLevel.Information, "Qdrant: deleted old collection {Collection}")]
    public static partial void QdrantDeleted(this ILogger logger, string collection);

    [LoggerMessage(3302, LogLevel.Warning, "Qdrant: could not look for orphaned collections yet ({Error})")]
    public static partial void QdrantOrphansUnchecked(this ILogger logger, string error);

    [LoggerMessage(3303, LogLevel.Information, "Qdrant: {Chunks} chunks written to {Collection} ({Kind})")]
    public static partial void QdrantWritten(this ILogger logger, int chunks, string collection, string kind);
}
