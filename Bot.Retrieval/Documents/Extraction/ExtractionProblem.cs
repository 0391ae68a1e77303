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
