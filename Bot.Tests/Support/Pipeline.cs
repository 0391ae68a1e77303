using Bot.Retrieval.Answering;
using Bot.Retrieval.Chunking;
using Bot.Retrieval.Embeddings;
using Bot.Retrieval.Index;
using Bot.Retrieval.Search;
using Bot.Retrieval.Text;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Tests.Support;

/// <summary>The real retrieval pipeline over a knowledge folder and an index file in a temp folder.</summary>
public sealed class Pipeline : IDisposable
{
    public Pipeline(string knowledge, string indexPath, AnalyzerOptions? analysis = null, SearchOptions? search = null)
    {
        Knowledge = knowledge;
        Analyzer = new KazakhAnalyzer(analysis);
        Index = new SqliteKnowledgeIndex(indexPath);
        Embedder = new LocalEmbeddingGenerator(Analyzer);
        Indexer = new KnowledgeIndexer(Index, new Chunker(new ChunkerOptions()), Analyzer, Embedder, NullLogger<KnowledgeIndexer>.Instance);
        Retriever = new HybridRetriever(Index, Analyzer, Embedder, search ?? new SearchOptions());
        Answerer = new ExtractiveAnswerer(Analyzer);
    }

    public string Knowledge { get; }

    public KazakhAnalyzer Analyzer { get; }

    public SqliteKnowledgeIndex Index { get; }

    public LocalEmbeddingGenerator Embedder { get; }

    public KnowledgeIndexer Indexer { get; }

    public HybridRetriever Retriever { get; }

    public ExtractiveAnswerer Answerer { get; }

    public Task<IndexReport> SyncAsync(bool full = false) => Indexer.SyncAsync(Knowledge, full);

    public async Task<Answer> AskAsync(string question) => await Answerer.AnswerAsync(await Retriever.SearchAsync(question));

    public void Dispose() => Index.Dispose();
}
