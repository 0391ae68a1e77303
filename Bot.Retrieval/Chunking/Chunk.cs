namespace Bot.Retrieval.Chunking;

/// <summary>
/// A retrievable passage. <see cref="CharStart"/> and <see cref="CharEnd"/> are offsets into the cleaned document
/// text; <see cref="ParagraphStart"/>..<see cref="ParagraphEnd"/> are 1-based paragraph numbers.
/// </summary>
public sealed record Chunk(
    string Id,
    string DocumentId,
    int Ordinal,
    string Title,
    string Section,
    int ParagraphStart,
    int ParagraphEnd,
    int CharStart,
    int CharEnd,
    string Text)
{
    /// <summary>The title, and the section on a line of its own when it differs.</summary>
    public string Heading => Section.Length == 0 || Section == Title ? Title : Title.Length == 0 ? Section : Title + "\n" + Section;

    /// <summary>"¶ 12" or "¶ 12–13": where the passage is, for a reader.</summary>
    public string Location => ParagraphStart == ParagraphEnd ? $"¶ {ParagraphStart}" : $"¶ {ParagraphStart}–{ParagraphEnd}";
}
