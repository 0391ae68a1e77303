namespace Bot.Retrieval.Chunking;

/// <summary>
/// Where a passage is in its document: its pages (0 when the document has none), its 1-based paragraphs, and whether
/// OCR read it. Bot.Host's formatting says it in Kazakh ("5-бет", "¶ 12–13", ", OCR").
/// </summary>
public readonly record struct PassagePlace(int PageStart, int PageEnd, int ParagraphStart, int ParagraphEnd, bool Ocr);
