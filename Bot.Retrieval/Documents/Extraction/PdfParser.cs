using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;

namespace Bot.Retrieval.Documents.Extraction;

/// <summary>
/// The text layer of a PDF, page by page, in reading order; within a page, paragraphs and heading lines as in plain
/// text. A PDF with no text on any page (a scan) or one that needs a password says so.
/// </summary>
public static class PdfParser
{
    public static Extraction Parse(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            using var document = PdfDocument.Open(path, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            var blocks = new List<ExtractedBlock>();
            string section = "";
            foreach (var page in document.GetPages())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var paragraphs = TextCleaner.Paragraphs(ContentOrderTextExtractor.GetText(page));
                for (int i = 0; i < paragraphs.Count; i++)
                {
                    if (TextCleaner.LooksLikeHeading(paragraphs[i]) && i + 1 < paragraphs.Count && !TextCleaner.LooksLikeHeading(paragraphs[i + 1]))
                    {
                        section = paragraphs[i];
                        continue;
                    }

                    blocks.Add(new ExtractedBlock(paragraphs[i], section, page.Number));
                }
            }

            var title = document.Information.Title;
            if (blocks.Count == 0) return Extraction.Failed(ExtractionProblem.NoText, $"{document.NumberOfPages} pages and no text layer (a scan?)");
            return new Extraction(string.IsNullOrWhiteSpace(title) ? FirstHeading(blocks) : title.Trim(), blocks);
        }
        catch (PdfDocumentEncryptedException ex)
        {
            return Extraction.Failed(ExtractionProblem.Encrypted, ex.Message);
        }
    }

    private static string? FirstHeading(List<ExtractedBlock> blocks) => blocks.FirstOrDefault(b => b.Section.Length > 0)?.Section;
}
