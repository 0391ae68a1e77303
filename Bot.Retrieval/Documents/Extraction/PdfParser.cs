using Bot.Retrieval.Documents.Cleaning;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;

namespace Bot.Retrieval.Documents.Extraction;

/// <summary>
/// The text layer of a PDF, page by page, in reading order; within a page, paragraphs and heading lines as in plain
/// text. A PDF with no text on any page (a scan) or one that needs a password says so.
/// </summary>
internal static class PdfParser
{
    public static Extraction Parse(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            using var document = PdfDocument.Open(path, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            var blocks = new List<ExtractedBlock>();
            string section = "";
            var unread = new List<string>();
            var unreadPages = new List<int>();
            foreach (var page in document.GetPages())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var paragraphs = TextCleaner.Paragraphs(ContentOrderTextExtractor.GetText(page));
                // A page with no text layer is a scan: OCR reads it, when installed; a page it cannot read is reported.
                bool ocr = false;
                if (paragraphs.Count == 0 && Ocr.Available)
                {
                    var read = Ocr.ReadPdfPage(path, page.Number, cancellationToken);
                    if (read.Words > 0 && read.Confidence >= Ocr.MinConfidence)
                    {
                        paragraphs = [.. read.Paragraphs];
                        ocr = true;
                    }
                    else if (read.Words > 0)
                    {
                        unread.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"page {page.Number}: OCR confidence {read.Confidence:0}"));
                        unreadPages.Add(page.Number);
                    }
                }

                for (int i = 0; i < paragraphs.Count; i++)
                {
                    if (TextCleaner.LooksLikeHeading(paragraphs[i]) && i + 1 < paragraphs.Count && !TextCleaner.LooksLikeHeading(paragraphs[i + 1]))
                    {
                        section = paragraphs[i];
                        continue;
                    }

                    blocks.Add(new ExtractedBlock(paragraphs[i], section, page.Number, ocr));
                }
            }

            var title = document.Information.Title;
            if (blocks.Count == 0 && !Ocr.Available) return Extraction.Failed(ExtractionProblem.OcrUnavailable, $"{document.NumberOfPages} pages and no text layer, a scan: {Ocr.Unavailable}");
            if (blocks.Count == 0 && unread.Count > 0) return Extraction.Failed(ExtractionProblem.LowConfidence, string.Join("; ", unread));
            if (blocks.Count == 0) return Extraction.Failed(ExtractionProblem.NoText, $"{document.NumberOfPages} pages and no text, on its text layer or by OCR");
            return new Extraction(string.IsNullOrWhiteSpace(title) ? FirstHeading(blocks) : title.Trim(), blocks,
                Detail: unread.Count > 0 ? string.Join("; ", unread) + $" (at least {Ocr.MinConfidence:0})" : null) { UnreadPages = unreadPages };
        }
        catch (PdfDocumentEncryptedException ex)
        {
            return Extraction.Failed(ExtractionProblem.Encrypted, ex.Message);
        }
    }

    private static string? FirstHeading(List<ExtractedBlock> blocks) => blocks.FirstOrDefault(b => b.Section.Length > 0)?.Section;
}
