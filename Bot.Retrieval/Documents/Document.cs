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
