using System.Diagnostics;
using Bot.Host.Logging;
using Bot.Retrieval.Answering;
using Bot.Retrieval.Documents;
using Bot.Retrieval.Index;
using Bot.Retrieval.Ingestion;
using Bot.Retrieval.Search;
using Bot.Retrieval.Text;
using Microsoft.Extensions.Options;

namespace Bot.Host.Knowledge;

/// <summary>
/// The one pipeline every front end uses (CLI, console chat, Telegram): keep the index current, retrieve, answer.
/// A corrupt index file is moved aside and rebuilt from the documents, loudly, never silently started empty.
/// </summary>
public sealed class KnowledgeService(
    KnowledgeIndexer indexer,
    HybridRetriever retriever,
    IAnswerer answerer,
    IKnowledgeIndex index,
    KazakhAnalyzer analyzer,
    IOptions<KnowledgeOptions> options,
    IOptions<EmbeddedIndexOptions> indexOptions,
    KnowledgeStats stats,
    Bot.Retrieval.Search.SearchOptions search,
    Answering.QuestionTranslator translator,
    ILogger<KnowledgeService> logger,
    IStreamingAnswerer? streaming = null)
{
    public string Folder => Path.GetFullPath(options.Value.Folder);

    public KnowledgeStats Stats => stats;

    /// <summary>
    /// Indexes the folder when the index is missing, stale or built another way. When that fails (a full disk, an
    /// embedding provider that is down) but a previous index exists, that one keeps answering and the failure is logged;
    /// with no index at all there is nothing to answer from, and the failure is thrown.
    /// </summary>
    public Task EnsureIndexAsync(CancellationToken cancellationToken = default) => EnsureIndexAsync(true, cancellationToken);

    /// <summary>
    /// As <see cref="EnsureIndexAsync(CancellationToken)"/>; a knowledge folder that is missing or unreadable is never
    /// synced as an empty one. With <paramref name="keepIndexWithoutFolder"/> (the bot) an index that holds documents
    /// keeps answering and the log says why it is not updated; otherwise (the verbs), or with no index to answer from,
    /// <see cref="KnowledgeFolderUnavailableException"/> is thrown.
    /// </summary>
    public async Task EnsureIndexAsync(bool keepIndexWithoutFolder, CancellationToken cancellationToken = default)
    {
        try
        {
            // Listing or reading the folder to compare it with the index is also what finds it missing or unreadable.
            await WithRecoveryAsync(() => indexer.SyncIfStaleAsync(Folder, cancellationToken));
        }
        catch (KnowledgeFolderUnavailableException ex) when (keepIndexWithoutFolder)
        {
            var kept = await SummaryAsync(cancellationToken);
            if (kept.Chunks == 0) throw;
            logger.FolderGoneIndexKept(ex.Message, kept.Documents, kept.Chunks);
        }
        catch (Exception ex) when ((ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested) &&
                                   (keepIndexWithoutFolder || ex is not KnowledgeFolderUnavailableException))
        {
            // A full disk, an embedding provider that is down: the index that exists keeps answering.
            var kept = await SummaryAsync(cancellationToken);
            if (kept.Chunks == 0) throw;
            // A full disk or an index server that is down explains itself; anything else keeps its stack.
            logger.IndexNotUpdated(ex is IndexStorageException or IndexUnavailableException ? null : ex, ex.Message, kept.Documents, kept.Chunks);
        }
    }

    /// <summary>
    /// Throws <see cref="IndexBuiltOtherwiseException"/> when the index holds documents built with other settings than
    /// this process's: the verbs call it before they would otherwise rebuild (the bot rebuilds, as its settings are the
    /// deployment's).
    /// </summary>
    public async Task RefuseIfBuiltOtherwiseAsync(CancellationToken cancellationToken = default)
    {
        var summary = await SummaryAsync(cancellationToken);
        if (indexer.BuiltOtherwise(summary) is { } difference)
            throw new IndexBuiltOtherwiseException(index.Location, difference);
    }

    /// <summary>True when the folder's documents differ from what the index holds.</summary>
    public Task<bool> IsStaleAsync(CancellationToken cancellationToken = default) =>
        WithRecoveryAsync(() => indexer.IsStaleAsync(Folder, cancellationToken));

    public Task<IndexReport> ReindexAsync(bool full = false, CancellationToken cancellationToken = default) =>
        WithRecoveryAsync(() => indexer.SyncAsync(Folder, full, cancellationToken));

    /// <summary>Null when a re-index is already running.</summary>
    public async Task<IndexReport?> TryReindexAsync(CancellationToken cancellationToken = default) =>
        TryStartReindex(cancellationToken) is { } run ? await run : null;

    /// <summary>
    /// Starts a re-index in the background, or returns null at once when one is already running. The run is claimed
    /// before this returns, so two /reindex commands arriving together get one "started" and one "running".
    /// </summary>
    public Task<IndexReport>? TryStartReindex(CancellationToken cancellationToken = default)
    {
        Task<IndexReport>? started = indexer.TryStartSync(Folder, false, cancellationToken);
        if (started is null) return null;
        // After a corrupt index is rebuilt, the retry is a plain update rather than the run that already failed.
        return WithRecoveryAsync(() => Interlocked.Exchange(ref started, null) ?? indexer.SyncAsync(Folder, false, cancellationToken));
    }

    public Task<IndexManifest> ManifestAsync(CancellationToken cancellationToken = default) =>
        WithRecoveryAsync(() => index.ReadManifestAsync(cancellationToken));

    /// <summary>The index's counts and when it was written, without reading every document's record.</summary>
    public Task<IndexSummary> SummaryAsync(CancellationToken cancellationToken = default) =>
        WithRecoveryAsync(() => index.ReadSummaryAsync(cancellationToken));

    public async Task<(List<string> Words, List<string> Terms, TermStatistics Statistics)> AnalyzeAsync(string text, CancellationToken cancellationToken = default)
    {
        var words = analyzer.Words(text);
        var terms = analyzer.Terms(words);
        return (words, terms, await WithRecoveryAsync(() => index.GetTermStatisticsAsync(terms, cancellationToken)));
    }

    public async Task<AnswerResult> AskAsync(string question, CancellationToken cancellationToken = default) =>
        await AskAsync(question, null, null, cancellationToken);

    public Task<AnswerResult> AskAsync(string question, int? top, CancellationToken cancellationToken = default) =>
        AskAsync(question, top, null, cancellationToken);

    /// <summary>True when answers can be shown while they are written (an LLM answerer).</summary>
    public bool CanStream => streaming is not null;

    /// <summary>
    /// Answers with <paramref name="top"/> chunks retrieved instead of the configured number (eval needs more); with
    /// <paramref name="onPartial"/> and a streaming answerer, the answer's text is reported as it is written.
    /// </summary>
    public async Task<AnswerResult> AskAsync(string question, int? top, Func<string, Task>? onPartial, CancellationToken cancellationToken = default)
    {
        bool truncated = question.Length > options.Value.MaxQuestionChars;
        if (truncated) question = question[..options.Value.MaxQuestionChars];

        var clock = Stopwatch.StartNew();
        var searched = QuestionMarkup.Strip(question);
        // A Russian question is searched in Kazakh: translated by the LLM when one is configured; else (or when it fails)
        // through the word bridge, first with every Kazakh word each Russian word may be, then with the ones the
        // passages found use, which the answer is chosen with.
        bool russian = search.RussianBridge && Bot.Retrieval.Text.Russian.RussianBridge.Default.IsRussian(searched);
        if (russian && await translator.ToKazakhAsync(searched, cancellationToken) is { } translated)
        {
            searched = translated;
            logger.RussianTranslated(searched);
        }
        else if (russian)
        {
            var slots = Bot.Retrieval.Text.Russian.RussianBridge.Default.Slots(searched);
            var wide = await WithRecoveryAsync(() => retriever.SearchAsync(Bot.Retrieval.Text.Russian.RussianBridge.Wide(slots), top, cancellationToken));
            searched = Bot.Retrieval.Text.Russian.RussianBridge.Choose(slots, wide.Hits.Take(3).Select(h => h.Chunk.Text), analyzer);
            logger.RussianBridged(searched);
        }

        var found = await WithRecoveryAsync(() => retriever.SearchAsync(searched, top, cancellationToken));
        var retrieveMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var answer = onPartial is not null && streaming is not null
            ? await streaming.AnswerAsync(found, onPartial, cancellationToken)
            : await answerer.AnswerAsync(found, cancellationToken);
        var answerMs = clock.Elapsed.TotalMilliseconds;
        stats.Record(answer.Found, retrieveMs + answerMs);
        return new AnswerResult(answer, retrieveMs, answerMs, truncated) { ReadAsRussian = russian, SearchedAs = russian ? searched : null };
    }

    private async Task<T> WithRecoveryAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await RecoverCorruptAsync(action);
        }
        catch (Exception ex) when (IndexStorageException.IsStorageFault(ex))
        {
            var path = Path.GetFullPath(indexOptions.Value.Path);
            throw new IndexStorageException(
                $"The index {path} could not be written ({ex.Message}): free space on its disk or make it writable. The previous index is unchanged.", ex);
        }
    }

    private async Task<T> RecoverCorruptAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (index.IsCorrupt(ex))
        {
            var aside = index.SetAsideCorrupt();
            logger.CorruptIndexSetAside(ex, index.Location, aside, Folder);
            await indexer.SyncAsync(Folder, true);
            return await action();
        }
    }
}
