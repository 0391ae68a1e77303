using Bot.Retrieval.Chunking;

namespace Bot.Retrieval.Index;

/// <summary>Where chunks, their terms and vectors are stored and searched: the embedded SQLite file, or Qdrant.</summary>
public interface IKnowledgeIndex
{
    /// <summary>Where it lives, for messages to the operator: a file's full path, or a collection at an endpoint.</summary>
    string Location { get; }

    /// <summary>What the index holds now: documents with hashes, the embedding model and analysis that built it.</summary>
    Task<IndexManifest> ReadManifestAsync(CancellationToken cancellationToken = default);

    /// <summary>The manifest's counts and settings, without reading every document's record.</summary>
    Task<IndexSummary> ReadSummaryAsync(CancellationToken cancellationToken = default);

    /// <summary>Records the folder's stamp (see <see cref="IndexManifest.FolderStamp"/>) without changing what the index holds.</summary>
    Task RecordFolderStampAsync(string stamp, CancellationToken cancellationToken = default);

    /// <summary>Applies one update atomically: a reader sees the index before it or after it, never half of it.</summary>
    Task ApplyAsync(IndexUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Lexical (BM25 over analyzed terms) and dense candidates for one question, each with its ranks; no text is read.</summary>
    Task<IReadOnlyList<Candidate>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>The chunks behind some candidates' keys.</summary>
    Task<IReadOnlyDictionary<long, Chunk>> GetChunksAsync(IReadOnlyCollection<long> keys, CancellationToken cancellationToken = default);

    /// <summary>How many chunks contain each term, and how many chunks there are.</summary>
    Task<TermStatistics> GetTermStatisticsAsync(IReadOnlyCollection<string> terms, CancellationToken cancellationToken = default);

    /// <summary>
    /// True when <paramref name="error"/> says the index's own storage is damaged beyond reading (a corrupt file), so
    /// that setting it aside and rebuilding from the folder is the way back. An index on a server never says so.
    /// </summary>
    bool IsCorrupt(Exception error) => false;

    /// <summary>Moves the damaged storage aside, whole, so that the next update builds a new index; returns where it went.</summary>
    string SetAsideCorrupt() => throw new NotSupportedException($"{GetType().Name} cannot set its storage aside.");
}
