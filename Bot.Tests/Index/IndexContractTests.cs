using Bot.Retrieval.Chunking;
using Bot.Retrieval.Embeddings;
using Bot.Retrieval.Index;
using Bot.Retrieval.Index.Qdrant;
using Bot.Retrieval.Ingestion;
using Bot.Retrieval.Search;
using Bot.Retrieval.Text;
using Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Qdrant.Client;

namespace Bot.Tests.Index;

/// <summary>
/// One contract for every index behind <see cref="IKnowledgeIndex"/>: the same documents, questions and expectations.
/// The embedded run always runs; the Qdrant run needs a real server (QDRANT_ENDPOINT) and is skipped, saying so, without one.
/// </summary>
public abstract class IndexContractTests
{
    private const string Abai = "Абай Құнанбайұлы\n\nАбай Құнанбайұлы 1845 жылы Шыңғыс тауында дүниеге келген. Ол қазақтың ұлы ақыны.\n\n" +
                                "Абайдың қара сөздері қырық бес шағын философиялық шығармадан тұрады.\n";

    /// <summary>A fresh, empty index of the kind under test.</summary>
    protected abstract IKnowledgeIndex Create(TempFolder temp);

    [Fact]
    public async Task Sync_ThenSearch_FindsThePassage_WithManifestAndStatistics()
    {
        using var temp = new TempFolder();
        using var parts = new Parts(Create(temp));
        var report = await parts.Indexer.SyncAsync(temp.SeedKnowledge());
        Assert.Equal(45, report.Chunks);

        var manifest = await parts.Index.ReadManifestAsync();
        Assert.Single(manifest.Documents);
        Assert.Equal(45, manifest.ChunkCount);
        Assert.Equal(parts.Indexer.EmbeddingModel, manifest.EmbeddingModel);
        // The summary (what the health line reads) says what the manifest says, without the documents' records.
        var summary = await parts.Index.ReadSummaryAsync();
        Assert.NotNull(manifest.LastIndexedAt);
        Assert.Equal((1, 45, manifest.EmbeddingModel, manifest.LastIndexedAt), (summary.Documents, summary.Chunks, summary.EmbeddingModel, summary.LastIndexedAt));

        var search = await parts.Retriever.SearchAsync("Түрксіб құрылысының бастығы кім болды?");
        Assert.True(search.Relevant);
        Assert.Contains("Шатов", search.Hits[0].Chunk.Text);
        Assert.Equal("Түрксіб темір жолын салу", search.Hits[0].Chunk.Section);
        var statistics = await parts.Index.GetTermStatisticsAsync(parts.Analyzer.Terms("Түрксіб"));
        Assert.Equal(45, statistics.ChunkCount);
        Assert.True(statistics.DocumentFrequency.Values.Single() > 0);
    }

    [Fact]
    public async Task IncrementalChanges_AddRemoveAndRepeat_NeverDuplicate()
    {
        using var temp = new TempFolder();
        using var parts = new Parts(Create(temp));
        var knowledge = temp.SeedKnowledge();
        await parts.Indexer.SyncAsync(knowledge);
        File.WriteAllText(Path.Combine(knowledge, "abai.txt"), Abai);
        await parts.Indexer.SyncAsync(knowledge);
        await parts.Indexer.SyncAsync(knowledge); // nothing changed: nothing written twice

        var manifest = await parts.Index.ReadManifestAsync();
        Assert.Equal(2, manifest.Documents.Count);
        Assert.Equal(manifest.Documents.Values.Sum(d => d.ChunkCount), manifest.ChunkCount);
        var abai = await parts.Retriever.SearchAsync("Абайдың қара сөздері қанша шығармадан тұрады?");
        Assert.True(abai.Relevant);
        Assert.Equal("abai", abai.Hits[0].Chunk.DocumentId);
        Assert.Single(abai.Hits, h => h.Chunk.DocumentId == "abai");

        File.Delete(Path.Combine(knowledge, "abai.txt"));
        await parts.Indexer.SyncAsync(knowledge);
        Assert.Single((await parts.Index.ReadManifestAsync()).Documents);
        Assert.DoesNotContain((await parts.Retriever.SearchAsync("Абайдың қара сөздері қанша шығармадан тұрады?")).Hits, h => h.Chunk.DocumentId == "abai");
    }

    [Fact]
    public async Task FullRebuild_KeepsTheSameContent_AndKeepsAnswering()
    {
        using var temp = new TempFolder();
        using var parts = new Parts(Create(temp));
        var knowledge = temp.SeedKnowledge();
        await parts.Indexer.SyncAsync(knowledge);
        var report = await parts.Indexer.SyncAsync(knowledge, full: true);
        Assert.Equal(45, report.ChunksWritten);
        Assert.Equal(45, (await parts.Index.ReadManifestAsync()).ChunkCount);
        Assert.Contains("Шатов", (await parts.Retriever.SearchAsync("Түрксіб құрылысының бастығы кім болды?")).Hits[0].Chunk.Text);
    }

    [Fact]
    public async Task OcrdPages_AreCitedAsOcr_AndUnreadPagesReported_ThroughTheIndex()
    {
        using var temp = new TempFolder();
        var knowledge = temp.Combine("knowledge");
        Directory.CreateDirectory(knowledge);
        File.WriteAllText(Path.Combine(knowledge, "scan.pdf"), "%PDF-1.4 (what the parser reads is the extractor's)");
        var extractor = new ScriptedExtractor(new Bot.Retrieval.Documents.Extraction.Extraction("Жарлық",
        [
            new("Бұл жарлық 1936 жылы Алматы қаласында қабылданды.", "", 1),
            new("Жарлыққа сәйкес Түрксіб жолында жаңа бекет салынды.", "", 2, Ocr: true),
        ], Detail: "page 3: OCR confidence 21 (at least 45)") { UnreadPages = [3] });
        using var parts = new Parts(Create(temp), extractor);
        var report = await parts.Indexer.SyncAsync(knowledge);
        Assert.Contains("scan.pdf: pages 3 not indexed: page 3: OCR confidence 21 (at least 45)", report.Problems);

        var typed = (await parts.Retriever.SearchAsync("Жарлық қай жылы қабылданды?")).Hits[0].Chunk;
        Assert.Equal(("1-бет", false), (Bot.Host.Formatting.Places.Describe(typed.Place), typed.Ocr));
        var scanned = (await parts.Retriever.SearchAsync("Түрксіб жолында не салынды?")).Hits[0].Chunk;
        Assert.Equal(("2-бет, OCR", true), (Bot.Host.Formatting.Places.Describe(scanned.Place), scanned.Ocr));
    }

    private sealed class ScriptedExtractor(Bot.Retrieval.Documents.Extraction.Extraction extraction) : Bot.Retrieval.Documents.Extraction.IDocumentExtractor
    {
        public Bot.Retrieval.Documents.Extraction.Extraction Extract(string path, CancellationToken cancellationToken = default) => extraction;
    }

    /// <summary>The pipeline around an index: the same analysis, chunking and local embeddings the bot uses.</summary>
    private sealed class Parts(IKnowledgeIndex index, Bot.Retrieval.Documents.Extraction.IDocumentExtractor? extractor = null) : IDisposable
    {
        public IKnowledgeIndex Index { get; } = index;

        public KazakhAnalyzer Analyzer { get; } = new();

        public KnowledgeIndexer Indexer => indexer ??= new KnowledgeIndexer(Index, new Chunker(new ChunkerOptions()), Analyzer,
            new LocalEmbeddingGenerator(Analyzer), NullLogger<KnowledgeIndexer>.Instance, extractor);

        public HybridRetriever Retriever => retriever ??= new HybridRetriever(Index, Analyzer, new LocalEmbeddingGenerator(Analyzer), new SearchOptions());

        private KnowledgeIndexer? indexer;
        private HybridRetriever? retriever;

        public void Dispose() => (Index as IDisposable)?.Dispose();
    }
}

public sealed class EmbeddedIndexContractTests : IndexContractTests
{
    protected override IKnowledgeIndex Create(TempFolder temp) => new SqliteKnowledgeIndex(temp.Combine("index.db"));
}

public sealed class QdrantIndexContractTests : IndexContractTests, IDisposable
{
    private static readonly string? Endpoint = Environment.GetEnvironmentVariable("QDRANT_ENDPOINT");
    private readonly string collection = "chatbot_test_" + Guid.NewGuid().ToString("N")[..10];

    protected override IKnowledgeIndex Create(TempFolder temp)
    {
        if (string.IsNullOrWhiteSpace(Endpoint))
            Assert.Skip("QDRANT_ENDPOINT is not set: the Qdrant run of the index contract needs a real Qdrant server (gRPC, e.g. http://localhost:6334), and none can be installed on these machines.");
        return new QdrantKnowledgeIndex(new QdrantOptions
        {
            Endpoint = Endpoint, ApiKey = Environment.GetEnvironmentVariable("QDRANT_API_KEY"), Collection = collection,
            ManifestPath = temp.Combine("qdrant-manifest.db"),
        }, NullLogger<QdrantKnowledgeIndex>.Instance);
    }

    public void Dispose()
    {
        if (string.IsNullOrWhiteSpace(Endpoint)) return;
        using var client = new QdrantClient(new Uri(Endpoint), Environment.GetEnvironmentVariable("QDRANT_API_KEY"));
        foreach (var name in client.ListCollectionsAsync().GetAwaiter().GetResult().Where(n => n.StartsWith(collection, StringComparison.Ordinal)))
            client.DeleteCollectionAsync(name).GetAwaiter().GetResult();
    }
}
