namespace Bot.Retrieval.Documents;

/// <summary>Accumulates paragraphs with their sections and offsets into a <see cref="Document"/>.</summary>
internal sealed class DocumentBuilder(string id, string source, string contentHash)
{
    private readonly List<Paragraph> paragraphs = [];
    private int offset;

    public string? Title { get; set; }

    public string Section { get; set; } = "";

    /// <summary>The page the next paragraphs are on (0: no pages).</summary>
    public int Page { get; set; }

    /// <summary>Whether the next paragraphs were read by OCR.</summary>
    public bool Ocr { get; set; }

    public int Count => paragraphs.Count;

    public void Add(string text)
    {
        text = text.Trim();
        if (text.Length == 0) return;
        if (paragraphs.Count > 0) offset += Document.ParagraphSeparator.Length;
        paragraphs.Add(new Paragraph(paragraphs.Count + 1, Section, text, offset, Page, Ocr));
        offset += text.Length;
    }

    public Document Build(string fallbackTitle) =>
        new(id, string.IsNullOrWhiteSpace(Title) ? fallbackTitle : Title!, source, contentHash, paragraphs);
}
