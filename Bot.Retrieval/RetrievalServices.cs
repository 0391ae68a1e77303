using Bot.Retrieval.Answering;
using Bot.Retrieval.Index;
using Bot.Retrieval.Ingestion;
using Bot.Retrieval.Search;
using Bot.Retrieval.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Retrieval;

/// <summary>
/// <see cref="RetrievalExtensions.AddRetrieval"/> in a container of its own, over one embedded index file: what the
/// bench, the trainer and the tests ask, composed as the bot composes it (the host adds the same registrations to its
/// container, with its providers first).
/// </summary>
public sealed class RetrievalServices : IDisposable
{
    private readonly ServiceProvider provider;

    /// <param name="indexPath">The embedded index file (Index:Embedded:Path).</param>
    /// <param name="settings">More configuration, as the bot's keys ("Analysis:Stem" = "false").</param>
    /// <param name="configure">Registrations made before the retrieval's own, which therefore win (an embedder, an answerer, a logger factory).</param>
    public RetrievalServices(string indexPath, IEnumerable<KeyValuePair<string, string?>>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new(EmbeddedIndexOptions.SectionName + ":Path", indexPath), .. settings ?? []])
            .Build();
        var services = new ServiceCollection();
        configure?.Invoke(services);
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.TryAddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddRetrieval(configuration);
        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public KazakhAnalyzer Analyzer => Get<KazakhAnalyzer>();

    public SqliteKnowledgeIndex Index => Get<SqliteKnowledgeIndex>();

    public IEmbeddingGenerator<string, Embedding<float>> Embedder => Get<IEmbeddingGenerator<string, Embedding<float>>>();

    public KnowledgeIndexer Indexer => Get<KnowledgeIndexer>();

    public HybridRetriever Retriever => Get<HybridRetriever>();

    public IAnswerer Answerer => Get<IAnswerer>();

    public T Get<T>() where T : notnull => provider.GetRequiredService<T>();

    public async Task<Answer> AskAsync(string question, int? top = null, CancellationToken cancellationToken = default) =>
        await Answerer.AnswerAsync(await Retriever.SearchAsync(question, top, cancellationToken), cancellationToken);

    public void Dispose() => provider.Dispose();
}
