namespace Bot.Retrieval.Documents;

/// <summary>
/// A cleaned document. <see cref="Text"/> is its paragraphs joined by blank lines; paragraph and chunk
/// character offsets point into it.
/// </summary>
public sealed record Document(string Id, string Title, string Source, string ContentHash, IReadOnlyList<Paragraph> Paragraphs)
{
    public const string ParagraphSeparator = "\n\n";

    public string Text { get; } = string.Join(ParagraphSeparator, Paragraphs.Select(p => p.Text));
}

/// <summary>One paragraph: its 1-based number in the document, its section heading and its offset in <see cref="Document.Text"/>.</summary>
public sealed record Paragraph(int Number, string Section, string Text, int Start);
