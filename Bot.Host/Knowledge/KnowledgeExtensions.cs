using Bot.Host.Answering;
using Bot.Host.Index;
using Bot.Retrieval.Chunking;
using Bot.Retrieval.Documents.Extraction;
using Bot.Retrieval.Embeddings;
using Bot.Retrieval.Index;
using Bot.Retrieval.Search;
using Bot.Retrieval.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Bot.Host.Knowledge;

public static class KnowledgeExtensions
{
    /// <summary>The retrieval pipeline: analysis, chunking, local embeddings, the embedded index, hybrid search, extractive answers.</summary>
    public static IServiceCollection AddKnowledge(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmbeddedIndexOptions>().BindConfiguration(EmbeddedIndexOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IndexProviderOptions>().BindConfiguration(IndexProviderOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<QdrantOptions>().BindConfiguration(QdrantOptions.SectionName).ValidateDataAnnotations()
            .Validate(q => !string.Equals(configuration["Index:Provider"], nameof(IndexProvider.Qdrant), StringComparison.OrdinalIgnoreCase) || !string.IsNullOrWhiteSpace(q.Endpoint),
                "Index:Qdrant:Endpoint is required with Index:Provider=Qdrant (for example http://localhost:6334).")
            .ValidateOnStart();
        services.AddOptions<EmbeddingsOptions>().BindConfiguration(EmbeddingsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AnsweringOptions>().BindConfiguration(AnsweringOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        var analysis = configuration.GetSection(AnalyzerOptions.SectionName).Get<AnalyzerOptions>() ?? new AnalyzerOptions();
        var chunking = configuration.GetSection(ChunkerOptions.SectionName).Get<ChunkerOptions>() ?? new ChunkerOptions();
        var search = configuration.GetSection(SearchOptions.SectionName).Get<SearchOptions>() ?? new SearchOptions();
        var extraction = configuration.GetSection(ExtractionLimits.SectionName).Get<ExtractionLimits>() ?? new ExtractionLimits();
        OptionsValidation.Validate(extraction, ExtractionLimits.SectionName);
        OptionsValidation.Validate(analysis, AnalyzerOptions.SectionName);
        OptionsValidation.Validate(chunking, ChunkerOptions.SectionName);
        OptionsValidation.Validate(search, SearchOptions.SectionName);

        services.AddSingleton(new KazakhAnalyzer(analysis));
        services.AddSingleton(new Chunker(chunking));
        services.AddSingleton(search);
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
            ProviderEmbeddings.Create(sp.GetRequiredService<IOptions<EmbeddingsOptions>>().Value, sp.GetRequiredService<KazakhAnalyzer>()));
        services.AddSingleton<IKnowledgeIndex>(sp =>
        {
            if (sp.GetRequiredService<IOptions<IndexProviderOptions>>().Value.Provider == IndexProvider.Qdrant)
                return new QdrantKnowledgeIndex(sp.GetRequiredService<IOptions<QdrantOptions>>().Value, sp.GetRequiredService<ILogger<QdrantKnowledgeIndex>>());
            return new SqliteKnowledgeIndex(sp.GetRequiredService<IOptions<EmbeddedIndexOptions>>().Value.Path);
        });
        services.AddSingleton(extraction);
        services.AddSingleton<IDocumentExtractor>(sp =>
        {
            var index = sp.GetRequiredService<IOptions<EmbeddedIndexOptions>>().Value.Path;
            var cache = extraction.CacheFolder ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(index))!, "extracted");
            return new CachingExtractor(new ChildProcessExtractor(ParserCommand(), extraction, sp.GetRequiredService<ILogger<ChildProcessExtractor>>()), cache, extraction);
        });
        services.AddSingleton<KnowledgeIndexer>();
        services.AddSingleton<HybridRetriever>();
        services.AddAnswering();
        services.AddSingleton<KnowledgeStats>();
        services.AddSingleton<KnowledgeService>();
        services.AddSingleton<Conversations>();
        services.AddSingleton<FollowUpResolver>();
        return services;
    }

    /// <summary>This very program, started again in parser mode: <c>dotnet Bot.Host.dll</c> or the Bot.Host app host.</summary>
    private static string[] ParserCommand()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" && !string.IsNullOrEmpty(entry) ? [process, entry] : [process];
    }
}
