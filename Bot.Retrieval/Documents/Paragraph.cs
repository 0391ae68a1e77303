namespace Bot.Retrieval.Documents;

/// <summary>One paragraph: its 1-based number in the document, its section heading and its offset in <see cref="Document.Text"/>.</summary>
public sealed record Paragraph(int Number, string Section, string Text, int Start);
