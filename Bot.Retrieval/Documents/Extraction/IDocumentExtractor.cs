namespace Bot.Retrieval.Documents.Extraction;

/// <summary>Turns a PDF, DOCX or HTML file into text blocks.</summary>
public interface IDocumentExtractor
{
    Extraction Extract(string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same, for a caller that has already read the file's SHA-256 (<see cref="FileHash.Sha256"/>): an extractor that
    /// keys on the content (<see cref="CachingExtractor"/>) need not read the file a second time to hash it.
    /// </summary>
    Extraction Extract(string path, string contentHash, CancellationToken cancellationToken = default) => Extract(path, cancellationToken);
}
