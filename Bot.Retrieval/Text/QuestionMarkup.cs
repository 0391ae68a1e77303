using System.Net;
using System.Text.RegularExpressions;

namespace Bot.Retrieval.Text;

/// <summary>
/// Markup pasted into a question (an HTML tag, a script, an entity) is not what the user asks about: its tag names
/// counted as terms and pushed the real words below the relevance bar. What is searched drops it; what is shown is
/// the question as typed, escaped.
/// </summary>
public static partial class QuestionMarkup
{
    /// <summary>The question without markup-looking tokens; the question itself when nothing else would be left.</summary>
    public static string Strip(string question)
    {
        if (question.IndexOf('<') < 0 && question.IndexOf('&') < 0) return question;
        var text = WebUtility.HtmlDecode(question);
        text = ScriptOrStyle().Replace(text, " ");
        text = Comment().Replace(text, " ");
        text = Tag().Replace(text, " ");
        text = Spaces().Replace(text, " ").Trim();
        return text.Any(char.IsLetterOrDigit) ? text : question;
    }

    [GeneratedRegex(@"<\s*(script|style)\b[^>]*>.*?(<\s*/\s*\1\s*>|$)", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<!--.*?(-->|$)", RegexOptions.Singleline)]
    private static partial Regex Comment();

    // A tag: '<' or '</' right before a Latin letter, a name, attributes without angle brackets, an optional '/', '>'.
    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9:-]*(\s[^<>]*)?/?>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();
}
