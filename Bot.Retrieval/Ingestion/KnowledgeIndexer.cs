using System.Diagnostics;
using System.Runtime.CompilerServices;
using Bot.Retrieval.Chunking;
using Bot.Retrieval.Documents;
using Bot.Retrieval.Documents.Extraction;
using Bot.Retrieval.Embeddings;
using Bot.Retrieval.Index;
using Bot.Retrieval.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Bot.Retrieval.Ingestion;

/// <summary>
/// Brings the index up to date with the knowledge folder: compares content hashes, chunks, analyzes and embeds only
/// what changed, drops what was deleted, and hands the index one atomic update. One run at a time per process.
/// </summary>
public sealed class KnowledgeIndexer(
    IKnowledgeIndex index,
    Chunker chunker,
    KazakhAnalyzer analyzer,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    ILogger<KnowledgeIndexer> logger,
    IDocumentExtractor? extractor = null)
{
    private const int CompactAfterChunks = 2000;

    private readonly SemaphoreSlim single = new(1, 1);

    // The folder as it was when the index was last known to match it: the files, their sizes and write times.
    // With the index's counts then: an index replaced meanwhile (a corrupt file rebuilt empty) never passes for current.
    private (string Folder, IReadOnlyList<(string Path, long Length, DateTime Written)> Files, int Documents, int Chunks)? matched;

    public string EmbeddingModel =>
        embedder.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? embedder.GetType().Name;

    /// <summary>Runs an update, or returns null at once when another run holds the lock.</summary>
    public async Task<IndexReport?> TrySyncAsync(string folder, bool full = false, CancellationToken cancellationToken = default) =>
        TryStartSync(folder, full, cancellationToken) is { } run ? await run : null;

    /// <summary>
    /// Starts an update in the background and returns it, or returns null at once when another run holds the lock. The
    /// lock is taken before this returns, so a caller that says "started" can never be overtaken by a second one.
    /// </summary>
    public Task<IndexReport>? TryStartSync(string folder, bool full = false, CancellationToken cancellationToken = default)
    {
        if (!single.Wait(0, CancellationToken.None)) return null;
        // CancellationToken.None: a run that never starts would never release the lock.
        return Task.Run(async () =>
        {
            try
            {
                return Compacted(await SyncCoreAsync(folder, full, cancellationToken));
            }
            finally
            {
                single.Release();
            }
        }, CancellationToken.None);
    }

    /// <summary>Runs an update, waiting for a run in progress to finish first.</summary>
    public async Task<IndexReport> SyncAsync(string folder, bool full = false, CancellationToken cancellationToken = default)
    {
        await single.WaitAsync(cancellationToken);
        try
        {
            return Compacted(await SyncCoreAsync(folder, full, cancellationToken));
        }
        finally
        {
            single.Release();
        }
    }

    /// <summary>
    /// Brings the index up to date unless the folder's listing shows it already is: then nothing is read. Otherwise the
    /// folder is read once, by the update itself, which writes only what differs (a stale start used to read it twice:
    /// once to find it stale, once to update). Null when the listing showed the index current.
    /// </summary>
    public async Task<IndexReport?> SyncIfStaleAsync(string folder, CancellationToken cancellationToken = default) =>
        (await ListedAsCurrentAsync(folder, cancellationToken)).Current ? null : await SyncAsync(folder, false, cancellationToken);

    /// <summary>True when the folder's documents differ from what the index holds, or the index was built another way.</summary>
    public async Task<bool> IsStaleAsync(string folder, CancellationToken cancellationToken = default)
    {
        var (current, snapshot, stamp) = await ListedAsCurrentAsync(folder, cancellationToken);
        if (current) return false;
        if (snapshot is null) return true; // built another way

        var manifest = await index.ReadManifestAsync(cancellationToken);
        var loaded = KnowledgeFolder.Load(folder, extractor, cancellationToken);
        bool stale = loaded.Documents.Count != manifest.Documents.Count ||
                     loaded.Documents.Any(d => !manifest.Documents.TryGetValue(d.Id, out var indexed) || indexed.ContentHash != d.ContentHash);
        matched = stale ? null : (folder, snapshot, manifest.Documents.Count, manifest.ChunkCount);
        if (!stale) await index.RecordFolderStampAsync(stamp!, cancellationToken);
        return stale;
    }

    /// <summary>
    /// Whether the index is current by the folder's listing alone: built this way, and the listing what it was when the
    /// index last matched (in this process, or by the stamp kept in the index). Listing is cheap; reading, hashing and
    /// parsing every document (the health line asks every ten minutes) is not. When it cannot tell, the listing and
    /// its stamp come back for whoever reads the folder next; no listing when the index was built another way.
    /// </summary>
    private async Task<(bool Current, IReadOnlyList<(string Path, long Length, DateTime Written)>? Snapshot, string? Stamp)> ListedAsCurrentAsync(
        string folder, CancellationToken cancellationToken)
    {
        var summary = await index.ReadSummaryAsync(cancellationToken);
        if (BuiltOtherwise(summary) is not null) return (false, null, null);
        var snapshot = KnowledgeFolder.Snapshot(folder);
        if (matched is { } known && known.Folder == folder && known.Documents == summary.Documents && known.Chunks == summary.Chunks &&
            known.Files.SequenceEqual(snapshot)) return (true, snapshot, null);
        // A process starting on a folder listed as it was when the index last matched it.
        var stamp = Stamp(folder, snapshot, summary.Documents, summary.Chunks);
        if (summary.FolderStamp != stamp) return (false, snapshot, stamp);
        matched = (folder, snapshot, summary.Documents, summary.Chunks);
        return (true, snapshot, stamp);
    }

    /// <summary>
    /// The folder's listing (each file's path, size and write time) with the settings and the index's counts, as a hash:
    /// equal stamps mean the folder was not written since the index last matched it.
    /// </summary>
    private string Stamp(string folder, IReadOnlyList<(string Path, long Length, DateTime Written)> snapshot, int documents, int chunks)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(System.Text.Encoding.UTF8.GetBytes(text + "\n"));
        Add(Path.GetFullPath(folder));
        Add($"{Fingerprint};{EmbeddingModel};{documents};{chunks}");
        foreach (var (path, length, written) in snapshot) Add($"{path}\t{length}\t{written.Ticks}");
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private bool NeedsRebuild(IndexManifest manifest) => BuiltOtherwise(manifest.Summary) is not null;

    /// <summary>
    /// How the index's documents were built differently from what the current settings would build (analysis, heading
    /// weight, chunk sizes, embedding model), or null when they match or the index is empty.
    /// </summary>
    public string? BuiltOtherwise(IndexSummary summary)
    {
        if (summary.Documents == 0) return null;
        var differences = new List<string>();
        if (summary.AnalyzerFingerprint != Fingerprint) differences.Add($"analysis and chunking {summary.AnalyzerFingerprint} where the settings give {Fingerprint}");
        if (summary.EmbeddingModel != EmbeddingModel) differences.Add($"embeddings {summary.EmbeddingModel} where the settings give {EmbeddingModel}");
        return differences.Count == 0 ? null : string.Join("; ", differences);
    }

    private async Task<IndexReport> SyncCoreAsync(string folder, bool full, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        matched = null;
        // Listed before reading: a file written while the folder is read leaves the snapshot behind, so it is read again.
        var snapshot = KnowledgeFolder.Snapshot(folder);
        var loaded = KnowledgeFolder.Load(folder, extractor, cancellationToken);
        var problems = loaded.Problems;
        foreach (var problem in problems) logger.FolderProblem(problem);

        var manifest = await index.ReadManifestAsync(cancellationToken);
        if (!full && NeedsRebuild(manifest))
        {
            logger.RebuildingOtherwise(manifest.EmbeddingModel, manifest.AnalyzerFingerprint, EmbeddingModel, Fingerprint);
            full = true;
        }

        var (toWrite, removals, unchanged) = Compare(loaded, manifest, full);
        loaded = null; // from here on each document is held only until it is prepared (see PrepareAsync)
        // Reading a large folder leaves as much garbage as it holds (lines, JSON, the parsers' output): collected before
        // the documents are prepared, so the two do not add up to the update's peak.
        if (toWrite.Length >= CompactAfterChunks) GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var upsertIds = toWrite.Select(d => d!.Id).ToList();
        int added = upsertIds.Count(id => !manifest.Documents.ContainsKey(id));
        int changed = upsertIds.Count - added;

        if (toWrite.Length > 0) logger.Indexing(toWrite.Length);
        int written = 0;
        if (toWrite.Length > 0 || removals.Count > 0 || full || manifest.EmbeddingModel is null)
        {
            logger.Writing(toWrite.Length, removals.Count);
            // Documents are prepared while the transaction writes them, so memory holds a few at a time, not the corpus's chunks.
            var upserts = PrepareAsync(toWrite, chunks => written += chunks, cancellationToken);
            await index.ApplyAsync(new IndexUpdate(full, upsertIds, upserts, removals, EmbeddingModel, Fingerprint), cancellationToken);
        }

        var after = await index.ReadManifestAsync(cancellationToken);
        matched = (folder, snapshot, after.Documents.Count, after.ChunkCount);
        await index.RecordFolderStampAsync(Stamp(folder, snapshot, after.Documents.Count, after.ChunkCount), cancellationToken);
        var report = new IndexReport(added, changed, removals.Count, unchanged, after.ChunkCount, written, clock.Elapsed, problems);
        logger.UpToDate(report.Added, report.Changed, report.Removed, report.Unchanged, report.Chunks, report.ChunksWritten, (long)report.Elapsed.TotalMilliseconds);
        return report;
    }

    // What an update writes (new and changed documents), what it removes, and how many stay as they are.
    private static (Document?[] ToWrite, List<string> Removals, int Unchanged) Compare(LoadResult loaded, IndexManifest manifest, bool full)
    {
        var known = full ? new Dictionary<string, IndexedDocument>() : manifest.Documents;
        var current = loaded.Documents.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var removals = manifest.Documents.Keys.Where(id => !current.Contains(id)).ToList();
        var toWrite = loaded.Documents.Where(d => !known.TryGetValue(d.Id, out var k) || k.ContentHash != d.ContentHash).ToArray<Document?>();
        return (toWrite, removals, loaded.Documents.Count - toWrite.Length);
    }

    // A large update leaves hundreds of MB of garbage (document texts, the parser's output, chunk lists): a long-running
    // bot would otherwise keep it resident until memory pressure forced a full collection. Collected once the update's
    // method has returned, so that nothing of it is still held.
    private static IndexReport Compacted(IndexReport report)
    {
        if (report.ChunksWritten >= CompactAfterChunks) GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return report;
    }

    // Each document is let go (its slot emptied) as soon as it is prepared: a folder of 100k documents is otherwise held
    // whole until the last is written.
    private async IAsyncEnumerable<DocumentToIndex> PrepareAsync(
        Document?[] documents, Action<int> written, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int done = 0;
        // In-process work with no I/O runs one document per core; a provider is called one document at a time.
        var prepared = embedder.GetService<IWordEmbedder>() is { } local
            ? Enumerable.Range(0, documents.Length).AsParallel().AsOrdered().WithCancellation(cancellationToken).Select(i => PrepareLocal(Take(i), local))
            : null;
        if (prepared is not null)
        {
            foreach (var upsert in prepared) yield return Counted(upsert);
            yield break;
        }

        for (int i = 0; i < documents.Length; i++) yield return Counted(await PrepareAsync(Take(i), cancellationToken));

        Document Take(int i)
        {
            var document = documents[i]!;
            documents[i] = null;
            return document;
        }

        DocumentToIndex Counted(DocumentToIndex upsert)
        {
            written(upsert.Chunks.Count);
            if (++done % 5000 != 0) return upsert;
            logger.Prepared(done, documents.Length);
            // The documents let go so far are in the oldest generation, which the collector seldom visits on its own: a
            // background collection now and then keeps them from piling up to the update's peak (measured at 100k
            // documents: 423 MB peak without, 370 MB with, same speed).
            GC.Collect(2, GCCollectionMode.Forced, blocking: false);
            return upsert;
        }
    }

    // The local generator takes the words the lexical side already made: each chunk is analyzed once.
    private DocumentToIndex PrepareLocal(Document document, IWordEmbedder local)
    {
        var chunks = chunker.Chunk(document);
        var indexed = new List<IndexedChunk>(chunks.Count);
        foreach (var chunk in chunks)
        {
            var heading = analyzer.Words(chunk.Heading);
            var text = analyzer.Words(chunk.Text);
            var lexical = Enumerable.Repeat(heading, chunker.Options.HeadingWeight).SelectMany(w => w).Concat(text);
            indexed.Add(new IndexedChunk(chunk, analyzer.Terms(lexical), local.Embed(heading.Concat(text))));
        }

        return new DocumentToIndex(document, indexed);
    }

    private async Task<DocumentToIndex> PrepareAsync(Document document, CancellationToken cancellationToken)
    {
        var chunks = chunker.Chunk(document);
        var indexed = new List<IndexedChunk>(chunks.Count);
        var vectors = await embedder.GenerateAsync(chunks.Select(EmbeddingText).ToList(), cancellationToken: cancellationToken);
        for (int i = 0; i < chunks.Count; i++) indexed.Add(new IndexedChunk(chunks[i], analyzer.Terms(LexicalText(chunks[i])), vectors[i].Vector.ToArray()));
        return new DocumentToIndex(document, indexed);
    }

    // Title and section travel with every chunk of their section, weighted: a question names the topic more often than the passage does.
    private string LexicalText(Chunk chunk) => string.Concat(Enumerable.Repeat(chunk.Heading + "\n", chunker.Options.HeadingWeight)) + chunk.Text;

    private static string EmbeddingText(Chunk chunk) => chunk.Heading + "\n" + chunk.Text;

    /// <summary>What the chunks and their lexical side were built with: analysis, heading weight, chunk sizes. A change rebuilds the index.</summary>
    private string Fingerprint => $"{analyzer.Options.Fingerprint};h{chunker.Options.HeadingWeight};c{chunker.Options.TargetChars}-{chunker.Options.MaxChars}";
}
