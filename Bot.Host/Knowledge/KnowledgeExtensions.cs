using Bot.Host.Answering;
using Bot.Host.Conversations;
using Bot.Host.Embeddings;
using Bot.Retrieval;
using Bot.Retrieval.Documents.Extraction;
using Bot.Retrieval.Embeddings;
using Bot.Retrieval.Index;
using Bot.Retrieval.Index.Qdrant;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Bot.Host.Knowledge;

public static class KnowledgeExtensions
{
    /// <summary>
    /// The retrieval core (<see cref="RetrievalExtensions.AddRetrieval"/>, the composition the tests and the bench use too)
    /// with the bot's providers first: the configured embeddings and index, documents parsed in a child process, an LLM
    /// answerer when one is configured; then the knowledge service over it.
    /// </summary>
    public static IServiceCollection AddKnowledge(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IndexProviderOptions>().BindConfiguration(IndexProviderOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<QdrantOptions>().BindConfiguration(QdrantOptions.SectionName).ValidateDataAnnotations()
            .Validate(q => !string.Equals(configuration["Index:Provider"], nameof(IndexProvider.Qdrant), StringComparison.OrdinalIgnoreCase) || !string.IsNullOrWhiteSpace(q.Endpoint),
                "Index:Qdrant:Endpoint is required with Index:Provider=Qdrant (for example http://localhost:6334).")
            .ValidateOnStart();
        services.AddOptions<EmbeddingsOptions>().BindConfiguration(EmbeddingsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AnsweringOptions>().BindConfiguration(AnsweringOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
            ProviderEmbeddings.Create(sp.GetRequiredService<IOptions<EmbeddingsOptions>>().Value, sp.GetRequiredService<LocalEmbeddingGenerator>));
        services.AddSingleton<IKnowledgeIndex>(sp => sp.GetRequiredService<IOptions<IndexProviderOptions>>().Value.Provider == IndexProvider.Qdrant
            ? new QdrantKnowledgeIndex(sp.GetRequiredService<IOptions<QdrantOptions>>().Value, sp.GetRequiredService<ILogger<QdrantKnowledgeIndex>>(), sp.GetRequiredService<TimeProvider>())
            : sp.GetRequiredService<SqliteKnowledgeIndex>());
        services.AddSingleton<IDocumentExtractor>(sp =>
        {
            var extraction = sp.GetRequiredService<ExtractionLimits>();
            var index = sp.GetRequiredService<IOptions<EmbeddedIndexOptions>>().Value.Path;
            var cache = extraction.CacheFolder ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(index))!, "extracted");
            return new CachingExtractor(new ChildProcessExtractor(ParserCommand(), extraction, sp.GetRequiredService<ILogger<ChildProcessExtractor>>()), cache, extraction);
        });
        services.AddAnswering(configuration);
        services.AddRetrieval(configuration);
        services.AddSingleton<KnowledgeStats>();
        services.AddSingleton<KnowledgeService>();
        services.AddSingleton<ConversationMemory>();
        services.AddSingleton<FollowUpResolver>();
        return services;
    }

    /// <summary>
    /// This program, started again in parser mode: the Bot.Host app host, or <c>dotnet Bot.Host.dll</c> (also when the
    /// host runs inside another process, such as the tests', whose entry point is not this program).
    /// </summary>
    private static string[] ParserCommand()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var program = typeof(KnowledgeExtensions).Assembly.Location;
        // A single-file publish has no assembly path: the process is the program.
        if (program.Length == 0 || Path.GetFileNameWithoutExtension(process) == Path.GetFileNameWithoutExtension(program)) return [process];
        return [Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet", program];
    }
}
