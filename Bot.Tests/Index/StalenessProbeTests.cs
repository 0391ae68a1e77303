using Bot.Retrieval.Chunking;
using Bot.Retrieval.Documents.Extraction;
using Bot.Retrieval.Embeddings;
using Bot.Retrieval.Index;
using Bot.Retrieval.Ingestion;
using Bot.Retrieval.Text;
using Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Tests.Index;

/// <summary>The health line asks "is the index stale?" every ten minutes: an unchanged folder is not read and parsed again.</summary>
public sealed class StalenessProbeTests
{
    private sealed class CountingExtractor(IDocumentExtractor inner) : IDocumentExtractor
    {
        public int Calls;

        public Extraction Extract(string path, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Calls);
            return inner.Extract(path, cancellationToken);
        }
    }

    private static readonly KazakhAnalyzer Analyzer = new();

    // The seed document and an HTML page (parsed through the extractor, so its calls can be counted).
    private static (string Knowledge, string Page) Folder(TempFolder temp)
    {
        var knowledge = temp.SeedKnowledge();
        var page = Path.Combine(knowledge, "page.html");
        File.WriteAllText(page, "<html><head><title>Балқаш</title></head><body><p>Балқаш мыс зауыты 1938 жылы іске қосылды.</p></body></html>");
        return (knowledge, page);
    }

    private static KnowledgeIndexer Indexer(SqliteKnowledgeIndex index, CountingExtractor extractor) =>
        new(index, new Chunker(new ChunkerOptions()), Analyzer, new LocalEmbeddingGenerator(Analyzer), NullLogger<KnowledgeIndexer>.Instance, extractor);

    private static CountingExtractor Counting() => new(new DocumentParsers(new ExtractionLimits()));

    [Fact]
    public async Task AStaleStart_ReadsTheFolderOnce_AndAnUnchangedOneNotAtAll()
    {
        using var temp = new TempFolder();
        var (knowledge, page) = Folder(temp);
        var extractor = Counting();
        using var index = new SqliteKnowledgeIndex(temp.Combine("index.db"));
        var indexer = Indexer(index, extractor);
        Assert.NotNull(await indexer.SyncIfStaleAsync(knowledge)); // an empty index: built
        Assert.Equal(1, extractor.Calls);
        Assert.Null(await indexer.SyncIfStaleAsync(knowledge)); // listed as it was: nothing read
        Assert.Equal(1, extractor.Calls);

        File.WriteAllText(page, "<html><head><title>Балқаш</title></head><body><p>Балқаш мыс зауыты 1938 жылы іске қосылды. Өнім берді.</p></body></html>");
        File.SetLastWriteTimeUtc(page, DateTime.UtcNow.AddMinutes(1));
        var report = await indexer.SyncIfStaleAsync(knowledge);
        Assert.Equal(1, report?.Changed);
        Assert.Equal(2, extractor.Calls); // once, by the update: not once to find it stale and again to update
    }

    [Fact]
    public async Task AnUnchangedFolder_IsNotParsedAgain_AWrittenFileIs_AndAnIndexRebuiltEmptyIsStale()
    {
        using var temp = new TempFolder();
        var (knowledge, page) = Folder(temp);
        var extractor = Counting();
        using var index = new SqliteKnowledgeIndex(temp.Combine("index.db"));
        var indexer = Indexer(index, extractor);

        await indexer.SyncAsync(knowledge);
        int afterSync = extractor.Calls;
        Assert.True(afterSync >= 1);
        Assert.False(await indexer.IsStaleAsync(knowledge));
        Assert.False(await indexer.IsStaleAsync(knowledge));
        Assert.Equal(afterSync, extractor.Calls); // listed, not parsed

        File.WriteAllText(page, "<html><head><title>Балқаш</title></head><body><p>Балқаш мыс зауыты 1938 жылы іске қосылды. Өнім берді.</p></body></html>");
        File.SetLastWriteTimeUtc(page, DateTime.UtcNow.AddMinutes(1));
        Assert.True(await indexer.IsStaleAsync(knowledge));
        Assert.True(extractor.Calls > afterSync);
        await indexer.SyncAsync(knowledge);
        Assert.False(await indexer.IsStaleAsync(knowledge));

        // The same folder over an index that lost its documents (a damaged file moved aside and started again).
        await index.ApplyAsync(new IndexUpdate(true, [], AsyncEnumerable.Empty<DocumentToIndex>(), [], indexer.EmbeddingModel, "x"));
        Assert.True(await indexer.IsStaleAsync(knowledge));
    }

    [Fact]
    public async Task AProcessStartingOnAnUnchangedFolder_DoesNotParseIt_ButOneWrittenSinceIsRead()
    {
        using var temp = new TempFolder();
        var (knowledge, page) = Folder(temp);
        var path = temp.Combine("index.db");
        (SqliteKnowledgeIndex Index, KnowledgeIndexer Indexer, CountingExtractor Extractor) Start()
        {
            // A new process: a new index object and indexer over the same file, remembering nothing.
            var extractor = Counting();
            var index = new SqliteKnowledgeIndex(path);
            return (index, Indexer(index, extractor), extractor);
        }

        var first = Start();
        await first.Indexer.SyncAsync(knowledge);
        first.Index.Dispose();

        var second = Start();
        Assert.False(await second.Indexer.IsStaleAsync(knowledge));
        Assert.Equal(0, second.Extractor.Calls); // the folder's listing matched the stamp in the index: nothing was parsed
        second.Index.Dispose();

        // Written since: a new size and write time. The next process reads the folder and finds the index stale.
        File.WriteAllText(page, "<html><head><title>Балқаш</title></head><body><p>Балқаш мыс зауыты 1938 жылы іске қосылды. Өнім берді.</p></body></html>");
        File.SetLastWriteTimeUtc(page, DateTime.UtcNow.AddMinutes(1));
        var third = Start();
        Assert.True(await third.Indexer.IsStaleAsync(knowledge));
        Assert.True(third.Extractor.Calls > 0);
        await third.Indexer.SyncAsync(knowledge);
        third.Index.Dispose();

        // Touched but unchanged: read once, found current, and stamped again, so the process after that reads nothing.
        File.SetLastWriteTimeUtc(page, DateTime.UtcNow.AddMinutes(2));
        var fourth = Start();
        Assert.False(await fourth.Indexer.IsStaleAsync(knowledge));
        Assert.True(fourth.Extractor.Calls > 0);
        fourth.Index.Dispose();
        var fifth = Start();
        Assert.False(await fifth.Indexer.IsStaleAsync(knowledge));
        Assert.Equal(0, fifth.Extractor.Calls);
        fifth.Index.Dispose();
    }
}
