namespace Bot.Retrieval.Documents.Extraction;

/// <summary>Turns a PDF, DOCX or HTML file into text blocks.</summary>
public interface IDocumentExtractor
{
    Extraction Extract(string path, CancellationToken cancellationToken = default);
}
