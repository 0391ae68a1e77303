namespace Bot.Retrieval.Documents.Extraction;

/// <summary>
/// A run of text from a document: a paragraph, with the heading it is under, its page (0: no pages), and whether it was
/// read by OCR from a scan or an image (a citation says so).
/// </summary>
public sealed record ExtractedBlock(string Text, string Section = "", int Page = 0, bool Ocr = false);
