using System.Text;
using System.Text.RegularExpressions;
using Bot.Retrieval.Documents.Cleaning;

namespace Bot.Retrieval.Documents;

/// <summary>Loads Markdown: ATX headings (# …) become sections, the first top-level heading the title.</summary>
internal static partial class MarkdownLoader
{
    public static Document Load(string id, string source, string contentHash, string raw)
    {
        var builder = new DocumentBuilder(id, source, contentHash);
        var block = new StringBuilder();
        // An HTML comment is not shown by any Markdown renderer, so it is not text to index or quote (taught answers keep
        // who wrote them, and when, in one).
        foreach (var line in Comment().Replace(ScriptRepair.Repair(raw), "").Split('\n'))
        {
            var heading = Heading().Match(line);
            if (!heading.Success)
            {
                block.AppendLine(line);
                continue;
            }

            Flush(builder, block);
            var text = heading.Groups["text"].Value.Trim().TrimEnd('#').Trim();
            if (heading.Groups["level"].Length == 1 && builder.Title is null) builder.Title = text;
            builder.Section = text;
        }

        Flush(builder, block);
        return builder.Build(Path.GetFileNameWithoutExtension(source));
    }

    private static void Flush(DocumentBuilder builder, StringBuilder block)
    {
        foreach (var paragraph in TextCleaner.Paragraphs(block.ToString())) builder.Add(StripInlineMarkup(paragraph));
        block.Clear();
    }

    private static string StripInlineMarkup(string text) => Emphasis().Replace(Link().Replace(text, "$1"), "$1");

    [GeneratedRegex(@"<!--[\s\S]*?-->")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^(?<level>#{1,6})\s+(?<text>.+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(?:\*\*|__)(.+?)(?:\*\*|__)")]
    private static partial Regex Emphasis();
}
