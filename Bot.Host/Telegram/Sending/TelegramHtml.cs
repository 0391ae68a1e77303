using System.Text;
using Bot.Host.Formatting;
using Bot.Host.Knowledge;

namespace Bot.Host.Telegram.Sending;

/// <summary>
/// Telegram HTML: every piece of document, question or model text escaped; only our own &lt;b&gt; tags; messages split
/// under Telegram's 4096 visible characters at paragraph or sentence boundaries, each part with balanced tags.
/// </summary>
public static class TelegramHtml
{
    /// <summary>Visible characters per message: Telegram allows 4096, and a margin keeps clear of disputes over counting.</summary>
    public const int MaxVisible = 4000;

    /// <summary>Telegram knows only &amp;lt; &amp;gt; &amp;amp; &amp;quot; as named entities: escape exactly those characters.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>An answer as message blocks: the answer paragraph, then "Дереккөздер:" and one line per source.</summary>
    public static List<Block> Answer(AnswerResult result, int maxQuestionChars)
    {
        var blocks = new List<Block>();
        if (result.Truncated) blocks.Add(new Block(Messages.QuestionTruncated(maxQuestionChars)));
        if (result.ReadAsRussian) blocks.Add(new Block(Messages.ReadAsRussian));
        var answer = result.Answer;
        if (!answer.Found)
        {
            blocks.Add(new Block(Messages.NotFound));
            if (answer.Nearest is { } near)
            {
                // The closest sentence, said to be no more than that, with its source.
                blocks.Add(new Block(Messages.Nearest, Bold: true));
                blocks.Add(new Block(near.Text, Separator: "\n"));
                blocks.Add(new Block(Messages.Sources, Bold: true));
                blocks.Add(new Block(Messages.SourceLine(near.Citation), Separator: "\n"));
            }

            return blocks;
        }

        if (answer.ShortAnswer is { } brief) blocks.Add(new Block(brief, Bold: true)); // the span that answers the question word, first
        blocks.Add(new Block(answer.Text, Separator: answer.ShortAnswer is null ? "\n\n" : "\n"));
        blocks.Add(new Block(Messages.Sources, Bold: true));
        foreach (var c in answer.Citations) blocks.Add(new Block(Messages.SourceLine(c), Separator: "\n"));
        return blocks;
    }

    /// <summary>Renders blocks into messages of at most <paramref name="maxVisible"/> visible characters each.</summary>
    public static List<Rendered> Render(IEnumerable<Block> blocks, int maxVisible = MaxVisible)
    {
        var messages = new List<Rendered>();
        var html = new StringBuilder();
        var plain = new StringBuilder();
        int visible = 0;

        void Flush()
        {
            if (plain.Length == 0) return;
            messages.Add(new Rendered(html.ToString(), plain.ToString()));
            html.Clear();
            plain.Clear();
            visible = 0;
        }

        foreach (var block in blocks.SelectMany(b => Pieces(b, maxVisible)))
        {
            var separator = plain.Length == 0 ? "" : block.Separator;
            if (visible + separator.Length + block.Text.Length > maxVisible) { Flush(); separator = ""; }
            html.Append(separator).Append(block.Bold ? $"<b>{Escape(block.Text)}</b>" : Escape(block.Text));
            plain.Append(separator).Append(block.Text);
            visible += separator.Length + block.Text.Length;
        }

        Flush();
        return messages;
    }

    // A block longer than a message is cut at paragraph, then sentence, then word boundaries; never inside a tag,
    // because tags are added around each piece after cutting.
    private static IEnumerable<Block> Pieces(Block block, int max)
    {
        if (block.Text.Length <= max)
        {
            yield return block;
            yield break;
        }

        var rest = block.Text;
        bool first = true;
        while (rest.Length > 0)
        {
            int cut = rest.Length <= max ? rest.Length : CutPoint(rest, max);
            yield return block with { Text = rest[..cut].TrimEnd(), Separator = first ? block.Separator : "\n" };
            rest = rest[cut..].TrimStart();
            first = false;
        }
    }

    private static int CutPoint(string text, int max)
    {
        var window = text[..max];
        int at = window.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (at > max / 3) return at;
        foreach (var end in new[] { ". ", "! ", "? ", "… ", ".\n" })
        {
            at = window.LastIndexOf(end, StringComparison.Ordinal);
            if (at > max / 3) return at + 1;
        }

        at = window.LastIndexOf(' ');
        if (at > max / 3) return at;
        // No boundary at all: cut, but never between the halves of a surrogate pair.
        return char.IsHighSurrogate(window[^1]) ? max - 1 : max;
    }

    /// <summary>A paragraph of text with its separator from the previous one, optionally bold.</summary>
    public sealed record Block(string Text, bool Bold = false, string Separator = "\n\n");

    /// <summary>One message: its HTML, and the same text plain, for the fallback when Telegram rejects the markup.</summary>
    public sealed record Rendered(string Html, string Plain);
}
