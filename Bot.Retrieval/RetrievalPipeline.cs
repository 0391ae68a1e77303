using Bot.Retrieval.Answering;
using Bot.Retrieval.Chunking;
using Bot.Retrieval.Embeddings;
using Bot.Retrieval.Index;
using Bot.Retrieval.Search;
using Bot.Retrieval.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Retrieval;

/// <summary>
/// The whole pipeline over one embedded index file, assembled without a host: for benchmarks, tests and tools. The bot
/// registers the same parts through dependency injection instead, so that providers can replace them.
/// </summary>
public sealed class RetrievalPipeline : IDisposable
{
    public RetrievalPipeline(string indexPath, AnalyzerOptions? analysis = null, ChunkerOptions? chunking = null, SearchOptions? search = null,
        ILoggerFactory? loggers = null)
    {
        Analyzer = new KazakhAnalyzer(analysis);
        Index = new SqliteKnowledgeIndex(indexPath);
        Embedder = new LocalEmbeddingGenerator(Analyzer);
        Indexer = new KnowledgeIndexer(Index, new Chunker(chunking ?? new ChunkerOptions()), Analyzer, Embedder,
            (loggers ?? NullLoggerFactory.Instance).CreateLogger<KnowledgeIndexer>());
        var options = search ?? new SearchOptions();
        Retriever = new HybridRetriever(Index, Analyzer, Embedder, options);
        Answerer = new ExtractiveAnswerer(Analyzer, options);
    }

    public KazakhAnalyzer Analyzer { get; }

    public SqliteKnowledgeIndex Index { get; }

    public LocalEmbeddingGenerator Embedder { get; }

    public KnowledgeIndexer Indexer { get; }

    public HybridRetriever Retriever { get; }

    public ExtractiveAnswerer Answerer { get; }

    public async Task<Answer> AskAsync(string question, int? top = null, CancellationToken cancellationToken = default) =>
        await Answerer.AnswerAsync(await Retriever.SearchAsync(question, top, cancellationToken), cancellationToken);

    public void Dispose() => Index.Dispose();
}
