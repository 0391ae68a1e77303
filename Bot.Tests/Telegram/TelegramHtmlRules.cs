using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Tests.Telegram;

/// <summary>
/// Telegram's HTML parse mode, checked strictly: only the allowed tags, balanced; every &lt; &gt; &amp; outside a tag
/// escaped; only the four named entities or numeric ones; at most 4096 visible characters. Returns the error text
/// Telegram would give, or null when the message is accepted.
/// </summary>
public static partial class TelegramHtmlRules
{
    private static readonly HashSet<string> Allowed = ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji", "code", "pre", "blockquote"];

    public static string? Check(string html, out string visible)
    {
        var plain = new StringBuilder();
        var stack = new Stack<string>();
        visible = "";
        for (int i = 0; i < html.Length; i++)
        {
            char ch = html[i];
            if (ch == '<')
            {
                int close = html.IndexOf('>', i);
                if (close < 0) return $"Bad Request: can't parse entities: Unclosed start tag at byte offset {i}";
                var tag = html[(i + 1)..close];
                var m = Tag().Match(tag);
                if (!m.Success || !Allowed.Contains(m.Groups["name"].Value.ToLowerInvariant()))
                    return $"Bad Request: can't parse entities: Unsupported start tag \"{tag.Split(' ')[0]}\" at byte offset {i}";
                var name = m.Groups["name"].Value.ToLowerInvariant();
                if (m.Groups["end"].Success)
                {
                    if (stack.Count == 0 || stack.Pop() != name) return $"Bad Request: can't parse entities: Unmatched end tag at byte offset {i}, expected \"</{(stack.Count > 0 ? stack.Peek() : "")}>\"";
                }
                else
                {
                    stack.Push(name);
                }

                i = close;
                continue;
            }

            if (ch == '>') return $"Bad Request: can't parse entities: Unexpected end tag at byte offset {i}";
            if (ch == '&')
            {
                var e = Entity().Match(html, i);
                if (!e.Success || e.Index != i) return $"Bad Request: can't parse entities: Unsupported entity at byte offset {i}";
                plain.Append(WebUtility.HtmlDecode(e.Value));
                i += e.Length - 1;
                continue;
            }

            plain.Append(ch);
        }

        if (stack.Count > 0) return $"Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"{stack.Peek()}\"";
        visible = plain.ToString();
        if (visible.Trim().Length == 0) return "Bad Request: message text is empty";
        if (visible.Length > 4096) return "Bad Request: message is too long";
        return null;
    }

    [GeneratedRegex(@"^(?<end>/)?(?<name>[a-zA-Z][a-zA-Z0-9-]*)(\s+[a-z-]+=""[^""<>]*"")*\s*$")]
    private static partial Regex Tag();

    [GeneratedRegex(@"&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});")]
    private static partial Regex Entity();
}
