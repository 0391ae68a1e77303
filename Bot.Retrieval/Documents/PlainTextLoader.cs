using System.Text.RegularExpressions;
using Bot.Retrieval.Documents.Cleaning;

namespace Bot.Retrieval.Documents;

/// <summary>Loads plain text: cleaned paragraphs, heading lines as sections (the first one titles the document), run-in headings too.</summary>
internal static partial class PlainTextLoader
{
    public static Document Load(string id, string source, string contentHash, string raw, string? title = null)
    {
        var builder = new DocumentBuilder(id, source, contentHash) { Title = title, Section = title ?? "" };
        var paragraphs = TextCleaner.Paragraphs(raw);
        var heading = paragraphs.Select(TextCleaner.LooksLikeHeading).ToArray();
        for (int i = 0; i < paragraphs.Count; i++)
        {
            var p = paragraphs[i];
            bool nextIsBody = i + 1 < paragraphs.Count && !heading[i + 1];
            if (heading[i] && nextIsBody)
            {
                if (builder.Title is null && builder.Count == 0) builder.Title = p;
                builder.Section = p;
                continue;
            }

            if (FirstSentence().Match(p) is { Success: true } m && TextCleaner.RunInHeading(p, m.Value) is { } runIn)
                builder.Section = runIn;
            builder.Add(p);
        }

        return builder.Build(Path.GetFileNameWithoutExtension(source));
    }

    // A first sentence of up to 80 characters ending in ". " before a capital, not after an initial ("В.С. Шатов").
    [GeneratedRegex(@"^.{3,80}?(?<!\b\p{L})\.\s+(?=\p{Lu})")]
    private static partial Regex FirstSentence();
}
