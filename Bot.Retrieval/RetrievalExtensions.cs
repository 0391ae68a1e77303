using Bot.Retrieval.Answering;
using Bot.Retrieval.Chunking;
using Bot.Retrieval.Documents.Extraction;
using Bot.Retrieval.Embeddings;
using Bot.Retrieval.Index;
using Bot.Retrieval.Ingestion;
using Bot.Retrieval.Search;
using Bot.Retrieval.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bot.Retrieval;

public static class RetrievalExtensions
{
    /// <summary>
    /// The retrieval core, the one composition the bot's host, the tests, the bench and the trainer all use: analysis,
    /// chunking, the indexer, hybrid search and the extractive answerer, read from <paramref name="configuration"/>
    /// (Analysis, Chunking, Search, Extraction, Index:Embedded) and validated here. The seams a host may fill first are
    /// taken only when nothing else is registered: <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> (local
    /// embeddings), <see cref="IKnowledgeIndex"/> (the embedded SQLite index), <see cref="IAnswerer"/> (extractive) and
    /// <see cref="IDocumentExtractor"/> (none: text formats only; the host parses PDF, DOCX and HTML in a child process).
    /// </summary>
    public static IServiceCollection AddRetrieval(this IServiceCollection services, IConfiguration configuration)
    {
        var analysis = Read<AnalyzerOptions>(configuration, AnalyzerOptions.SectionName);
        var chunking = Read<ChunkerOptions>(configuration, ChunkerOptions.SectionName);
        var search = Read<SearchOptions>(configuration, SearchOptions.SectionName);
        var extraction = Read<ExtractionLimits>(configuration, ExtractionLimits.SectionName);
        services.AddOptions<EmbeddedIndexOptions>().Bind(configuration.GetSection(EmbeddedIndexOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(new KazakhAnalyzer(analysis));
        services.TryAddSingleton(new Chunker(chunking));
        services.TryAddSingleton(search);
        services.TryAddSingleton(extraction);
        services.TryAddSingleton(sp => new LocalEmbeddingGenerator(sp.GetRequiredService<KazakhAnalyzer>()));
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => sp.GetRequiredService<LocalEmbeddingGenerator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SqliteKnowledgeIndex(sp.GetRequiredService<IOptions<EmbeddedIndexOptions>>().Value.Path, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IKnowledgeIndex>(sp => sp.GetRequiredService<SqliteKnowledgeIndex>());
        services.TryAddSingleton<KnowledgeIndexer>();
        services.TryAddSingleton<HybridRetriever>();
        services.TryAddSingleton<ExtractiveAnswerer>();
        services.TryAddSingleton<IAnswerer>(sp => sp.GetRequiredService<ExtractiveAnswerer>());
        return services;
    }

    private static T Read<T>(IConfiguration configuration, string section) where T : class, new()
    {
        var options = configuration.GetSection(section).Get<T>() ?? new T();
        OptionsValidation.Validate(options, section);
        return options;
    }
}
