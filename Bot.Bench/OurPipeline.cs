using Bot.Retrieval.Answering;
using Bot.Retrieval.Chunking;
using Bot.Retrieval.Embeddings;
using Bot.Retrieval.Index;
using Bot.Retrieval.Search;
using Bot.Retrieval.Text;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Bench;

/// <summary>The product's retrieval pipeline with its default settings (the same as appsettings.json), over one index file.</summary>
public sealed class OurPipeline : IDisposable
{
    public OurPipeline(string indexPath)
    {
        Analyzer = new KazakhAnalyzer();
        Index = new SqliteKnowledgeIndex(indexPath);
        var embedder = new LocalEmbeddingGenerator(Analyzer);
        Indexer = new KnowledgeIndexer(Index, new Chunker(new ChunkerOptions()), Analyzer, embedder, NullLogger<KnowledgeIndexer>.Instance);
        Retriever = new HybridRetriever(Index, Analyzer, embedder, new SearchOptions());
    }

    public KazakhAnalyzer Analyzer { get; }

    public SqliteKnowledgeIndex Index { get; }

    public KnowledgeIndexer Indexer { get; }

    public HybridRetriever Retriever { get; }

    public async Task<Answer> SearchAsync(string question, int top) => Answer.NotFound(await Retriever.SearchAsync(question, top));

    public void Dispose() => Index.Dispose();
}
