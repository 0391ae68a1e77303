namespace Bot.Retrieval.Chunking;

/// <summary>
/// A retrievable passage. <see cref="CharStart"/> and <see cref="CharEnd"/> are offsets into the cleaned document
/// text; <see cref="ParagraphStart"/>..<see cref="ParagraphEnd"/> are 1-based paragraph numbers.
/// </summary>
public sealed record Chunk
{
    /// <summary>The document's id, '#', the ordinal.</summary>
    public required string Id { get; init; }

    public required string DocumentId { get; init; }

    /// <summary>0-based, in document order.</summary>
    public int Ordinal { get; init; }

    public required string Title { get; init; }

    /// <summary>The heading the passage is under; empty when none.</summary>
    public string Section { get; init; } = "";

    public int ParagraphStart { get; init; }

    public int ParagraphEnd { get; init; }

    public int CharStart { get; init; }

    public int CharEnd { get; init; }

    public required string Text { get; init; }

    /// <summary>1-based pages of a paged document (PDF); 0 for documents without pages.</summary>
    public int PageStart { get; init; }

    public int PageEnd { get; init; }

    /// <summary>Whether the passage was read by OCR from a scan or an image (a chunk stays within one page).</summary>
    public bool Ocr { get; init; }

    /// <summary>The title, and the section on a line of its own when it differs.</summary>
    public string Heading => Section.Length == 0 || Section == Title ? Title : Title.Length == 0 ? Section : Title + "\n" + Section;

    /// <summary>Where the passage is in its document; the host says it in words for a reader.</summary>
    public PassagePlace Place => new(PageStart, PageEnd, ParagraphStart, ParagraphEnd, Ocr);
}
