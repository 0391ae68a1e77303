using Bot.Retrieval;
using Bot.Retrieval.Answering;
using Bot.Retrieval.Index;
using Bot.Retrieval.Ingestion;
using Bot.Retrieval.Search;

namespace Bot.Tests.Support;

/// <summary>
/// The real retrieval pipeline (<see cref="RetrievalExtensions.AddRetrieval"/>, as the bot composes it) over a knowledge
/// folder and an index file in a temp folder; <paramref name="settings"/> are configuration keys as the bot reads them.
/// </summary>
public sealed class Pipeline(string knowledge, string indexPath, IEnumerable<KeyValuePair<string, string?>>? settings = null) : IDisposable
{
    private readonly RetrievalServices inner = new(indexPath, settings);

    public string Knowledge => knowledge;

    public SqliteKnowledgeIndex Index => inner.Index;

    public KnowledgeIndexer Indexer => inner.Indexer;

    public HybridRetriever Retriever => inner.Retriever;

    public Bot.Retrieval.Text.KazakhAnalyzer Analyzer => inner.Analyzer;

    public Task<IndexReport> SyncAsync(bool full = false) => inner.Indexer.SyncAsync(knowledge, full);

    public Task<Answer> AskAsync(string question) => inner.AskAsync(question);

    public void Dispose() => inner.Dispose();
}
