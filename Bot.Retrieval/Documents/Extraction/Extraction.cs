namespace Bot.Retrieval.Documents.Extraction;

/// <summary>Why a file gave no text. Each has its own Kazakh message for the admin.</summary>
public enum ExtractionProblem
{
    None,
    /// <summary>No text layer: a scanned PDF, an empty document, a page of scripts.</summary>
    NoText,
    /// <summary>A password-protected PDF.</summary>
    Encrypted,
    /// <summary>The bytes are not what the extension says (magic bytes).</summary>
    WrongType,
    /// <summary>A DOCX past the entry, inflated-size or ratio limits.</summary>
    ZipBomb,
    /// <summary>The parser refused it: truncated, corrupt, or XML with a DTD.</summary>
    Malformed,
    /// <summary>Larger than the file size limit.</summary>
    TooLarge,
    /// <summary>The parser process ran past its wall-clock limit and was killed.</summary>
    Timeout,
    /// <summary>The parser process ran past its memory cap and was killed.</summary>
    MemoryLimit,
    /// <summary>The parser process died (a stack overflow cannot be caught in-process).</summary>
    Crashed,
    /// <summary>A scan or an image, and no OCR installed to read it.</summary>
    OcrUnavailable,
    /// <summary>A scan or an image that OCR read with too little confidence to index.</summary>
    LowConfidence,
}

/// <summary>
/// A run of text from a document: a paragraph, with the heading it is under, its page (0: no pages), and whether it was
/// read by OCR from a scan or an image (a citation says so).
/// </summary>
public sealed record ExtractedBlock(string Text, string Section = "", int Page = 0, bool Ocr = false);

/// <summary>What a parser got out of one file: its title and text blocks, or the problem.</summary>
public sealed record Extraction(string? Title, IReadOnlyList<ExtractedBlock> Blocks, ExtractionProblem Problem = ExtractionProblem.None, string? Detail = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Succeeded => Problem == ExtractionProblem.None;

    public static Extraction Failed(ExtractionProblem problem, string detail) => new(null, [], problem, detail);

    /// <summary>
    /// Pages of a read document that OCR read with too little confidence, so they were left out rather than indexed as
    /// noise (<see cref="Detail"/> gives their confidence); reported to whoever added the document.
    /// </summary>
    public IReadOnlyList<int> UnreadPages { get; init; } = [];
}

/// <summary>Turns a PDF, DOCX or HTML file into text blocks.</summary>
public interface IDocumentExtractor
{
    Extraction Extract(string path, CancellationToken cancellationToken = default);
}
