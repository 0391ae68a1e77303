using System.Text;
using Bot.Retrieval.Documents.Cleaning;

namespace Bot.Retrieval.Text;

/// <summary>The comparison rules of the evaluation data: NFC, lower case, whitespace folded, ¬ and soft hyphens gone, Latin i = і.</summary>
public static class EvalText
{
    public static string Normalize(string text)
    {
        var cleaned = ScriptRepair.CleanCharacters(text).ToLowerInvariant().Replace('i', 'і');
        var sb = new StringBuilder(cleaned.Length);
        bool space = false;
        foreach (var ch in cleaned)
        {
            if (char.IsWhiteSpace(ch)) { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(ch);
        }

        return sb.ToString();
    }

    public static bool Contains(string text, string fragment) => Normalize(text).Contains(Normalize(fragment), StringComparison.Ordinal);
}
