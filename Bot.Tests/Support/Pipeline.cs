using Bot.Retrieval;
using Bot.Retrieval.Answering;
using Bot.Retrieval.Index;
using Bot.Retrieval.Search;
using Bot.Retrieval.Text;

namespace Bot.Tests.Support;

/// <summary>The real retrieval pipeline over a knowledge folder and an index file in a temp folder.</summary>
public sealed class Pipeline(string knowledge, string indexPath, AnalyzerOptions? analysis = null, SearchOptions? search = null) : IDisposable
{
    private readonly RetrievalPipeline inner = new(indexPath, analysis, search: search);

    public string Knowledge => knowledge;

    public SqliteKnowledgeIndex Index => inner.Index;

    public KnowledgeIndexer Indexer => inner.Indexer;

    public HybridRetriever Retriever => inner.Retriever;

    public Task<IndexReport> SyncAsync(bool full = false) => inner.Indexer.SyncAsync(knowledge, full);

    public Task<Answer> AskAsync(string question) => inner.AskAsync(question);

    public void Dispose() => inner.Dispose();
}
