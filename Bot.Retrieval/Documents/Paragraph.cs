namespace Bot.Retrieval.Documents;

/// <summary>
/// One paragraph: its 1-based number in the document, its section heading, its offset in <see cref="Document.Text"/>,
/// the page it is on (1-based; 0 for documents without pages), and whether OCR read it from a scan.
/// </summary>
public sealed record Paragraph(int Number, string Section, string Text, int Start, int Page = 0, bool Ocr = false);
