using System.Text;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Bot.Retrieval.Documents.Extraction;

/// <summary>
/// The paragraphs of a Word document in order (tables included), with headings (Heading 1–9 and Title styles, or an
/// outline level) as sections. The zip is checked by <see cref="ZipGuard"/> first; XML with a DTD is refused.
/// </summary>
internal static class DocxParser
{
    public static Extraction Parse(string path, ExtractionLimits limits, CancellationToken cancellationToken = default)
    {
        if (ZipGuard.Check(path, limits, cancellationToken) is { } bomb) return Extraction.Failed(ExtractionProblem.ZipBomb, bomb);
        using var document = WordprocessingDocument.Open(path, false, new OpenSettings { MaxCharactersInPart = limits.MaxInflatedBytes });
        var body = document.MainDocumentPart?.Document?.Body;
        if (body is null) return Extraction.Failed(ExtractionProblem.NoText, "no document body");

        var styles = document.MainDocumentPart!.StyleDefinitionsPart?.Styles?.Elements<W.Style>()
            .Where(s => s.StyleId?.Value is not null)
            .GroupBy(s => s.StyleId!.Value!)
            .ToDictionary(g => g.Key, g => g.First()) ?? [];
        string? title = document.PackageProperties.Title;
        string section = "";
        var blocks = new List<ExtractedBlock>();
        foreach (var paragraph in body.Descendants<W.Paragraph>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = TextOf(paragraph).Trim();
            if (text.Length == 0) continue;
            switch (HeadingKind(paragraph, styles))
            {
                case Kind.Title:
                    title ??= text;
                    section = text;
                    continue;
                case Kind.Heading:
                    title ??= blocks.Count == 0 ? text : null;
                    section = text;
                    continue;
                default:
                    blocks.Add(new ExtractedBlock(text, section));
                    break;
            }
        }

        return blocks.Count == 0
            ? Extraction.Failed(ExtractionProblem.NoText, "no paragraphs with text")
            : new Extraction(string.IsNullOrWhiteSpace(title) ? null : title.Trim(), blocks);
    }

    private enum Kind
    {
        Body,
        Heading,
        Title,
    }

    private static Kind HeadingKind(W.Paragraph paragraph, Dictionary<string, W.Style> styles)
    {
        var properties = paragraph.ParagraphProperties;
        if (properties?.OutlineLevel?.Val?.Value is int level && level < 9) return Kind.Heading;
        var styleId = properties?.ParagraphStyleId?.Val?.Value;
        for (int depth = 0; styleId is not null && depth < 10; depth++) // a style can be based on a heading style
        {
            var style = styles.GetValueOrDefault(styleId);
            var name = (style?.StyleName?.Val?.Value ?? styleId).ToLowerInvariant().Replace(" ", "");
            if (name == "title") return Kind.Title;
            if (name.StartsWith("heading", StringComparison.Ordinal) && name.Length > 7 && char.IsDigit(name[7])) return Kind.Heading;
            if (style?.StyleParagraphProperties?.OutlineLevel?.Val?.Value is int styleLevel && styleLevel < 9) return Kind.Heading;
            styleId = style?.BasedOn?.Val?.Value;
        }

        return Kind.Body;
    }

    private static string TextOf(W.Paragraph paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case W.Text t:
                    text.Append(t.Text);
                    break;
                case W.TabChar:
                    text.Append(' ');
                    break;
                case W.Break or W.CarriageReturn:
                    text.Append('\n');
                    break;
                case W.NoBreakHyphen:
                    text.Append('-');
                    break;
            }
        }

        return text.ToString();
    }
}
