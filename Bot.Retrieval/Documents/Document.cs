namespace Bot.Retrieval.Documents;

/// <summary>
/// A cleaned document. <see cref="Text"/> is its paragraphs joined by blank lines; paragraph and chunk
/// character offsets point into it.
/// </summary>
public sealed record Document(string Id, string Title, string Source, string ContentHash, IReadOnlyList<Paragraph> Paragraphs)
{
    public const string ParagraphSeparator = "\n\n";

    /// <summary>
    /// Built on each read and held by no one: a large folder is in memory whole while it is compared with the index,
    /// and its paragraphs already hold the text once.
    /// </summary>
    public string Text => string.Join(ParagraphSeparator, Paragraphs.Select(p => p.Text));
}
