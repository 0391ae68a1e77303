namespace Bot.Retrieval.Chunking;

/// <summary>
/// A retrievable passage. <see cref="CharStart"/> and <see cref="CharEnd"/> are offsets into the cleaned document
/// text; <see cref="ParagraphStart"/>..<see cref="ParagraphEnd"/> are 1-based paragraph numbers.
/// </summary>
public sealed record Chunk(
    string Id,
    string DocumentId,
    int Ordinal,
    string Title,
    string Section,
    int ParagraphStart,
    int ParagraphEnd,
    int CharStart,
    int CharEnd,
    string Text,
    int PageStart = 0,
    int PageEnd = 0)
{
    /// <summary>The title, and the section on a line of its own when it differs.</summary>
    public string Heading => Section.Length == 0 || Section == Title ? Title : Title.Length == 0 ? Section : Title + "\n" + Section;

    /// <summary>Whether the passage was read by OCR from a scan or an image (a chunk stays within one page).</summary>
    public bool Ocr { get; init; }

    /// <summary>
    /// Where the passage is, for a reader: "5-бет" or "5–6-беттер" (pages) in a paged document, else "¶ 12" or "¶ 12–13";
    /// ", OCR" after it when OCR read the text, so a reader knows a letter may be misread.
    /// </summary>
    public string Location =>
        (PageStart > 0 ? (PageStart == PageEnd ? $"{PageStart}-бет" : $"{PageStart}–{PageEnd}-беттер")
        : ParagraphStart == ParagraphEnd ? $"¶ {ParagraphStart}" : $"¶ {ParagraphStart}–{ParagraphEnd}") + (Ocr ? ", OCR" : "");
}
