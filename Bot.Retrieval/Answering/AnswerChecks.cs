using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Retrieval.Answering;

/// <summary>
/// Deterministic checks on a generated answer (LLM output is untrusted): citations must name a passage, links are
/// removed, the language must be Kazakh, and no line of the system prompt may come back out.
/// </summary>
public static partial class AnswerChecks
{
    /// <summary>Removes every [n] that names no passage (1..<paramref name="passages"/>); returns the cited numbers in order of first use.</summary>
    public static string KeepValidCitations(string text, int passages, out List<int> cited)
    {
        var found = new List<int>();
        var cleaned = CitationMark().Replace(text, m =>
        {
            var valid = m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(n => int.TryParse(n, out var k) ? k : 0).Where(k => k >= 1 && k <= passages).Distinct().ToList();
            foreach (var k in valid) if (!found.Contains(k)) found.Add(k);
            return valid.Count == 0 ? "" : string.Concat(valid.Select(k => $"[{k}]"));
        });
        cited = found;
        return SpaceBeforePunctuation().Replace(cleaned, "$1").Trim();
    }

    /// <summary>Rewrites [old] to [new] so that the cited passages are numbered 1, 2, 3… in the order they are first cited.</summary>
    public static string Renumber(string text, List<int> cited) =>
        CitationMark().Replace(text, m => string.Concat(m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries)
            .Select(n => int.TryParse(n, out var k) && cited.Contains(k) ? $"[{cited.IndexOf(k) + 1}]" : "")));

    /// <summary>Markdown links become their text; URLs (http, tg, javascript, data, file…) and bare www. addresses are removed.</summary>
    public static string StripLinks(string text)
    {
        text = MarkdownLink().Replace(text, "$1");
        text = Url().Replace(text, "");
        return MultiSpace().Replace(text, " ").Trim();
    }

    /// <summary>
    /// Kazakh, not Russian or English: mostly Cyrillic letters; Kazakh-only letters (ә ғ қ ң ө ұ ү һ і) among them —
    /// Kazakh prose has several in a hundred letters, Russian none but in Kazakh names; and few Russian function words.
    /// </summary>
    public static bool IsKazakh(string text)
    {
        int letters = 0, cyrillic = 0, kazakh = 0;
        var lower = text.ToLowerInvariant();
        foreach (var c in lower)
        {
            if (!char.IsLetter(c)) continue;
            letters++;
            if (c is >= '\u0400' and <= '\u04FF') cyrillic++;
            if ("әғқңөұүһі".Contains(c)) kazakh++;
        }

        // Initials ("В.С. Шатов") are single capitals, not the Russian prepositions в and с.
        var words = Word().Matches(text).Select(m => m.Value).Where(w => w.Length > 1 || !char.IsUpper(w[0])).ToList();
        int russian = words.Count(w => RussianWords.Contains(w.ToLowerInvariant()));
        return letters > 0 && cyrillic >= letters * 0.6 && kazakh >= Math.Max(2, cyrillic * 0.02) && (words.Count < 4 || russian < words.Count * 0.15);
    }

    // Russian function words that are not also Kazakh words (не, он, от, да, же are: left out).
    private static readonly HashSet<string> RussianWords = new(StringComparer.Ordinal)
    {
        "и", "в", "во", "на", "что", "это", "как", "с", "со", "по", "из", "для", "к", "у", "за", "о", "об", "при", "был", "была",
        "было", "были", "его", "её", "ее", "их", "она", "оно", "они", "который", "которая", "которые", "также", "или", "но", "а", "то",
        "этот", "эта", "эти", "году", "года", "лет", "является", "дал", "дала", "кто", "где", "когда", "чем", "после", "между",
    };

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();

    /// <summary>True when a line of the system prompt (24 characters or more) appears in the answer: the model was talked into printing it.</summary>
    public static bool LeaksPrompt(string answer, string systemPrompt)
    {
        var normalized = Normalize(answer);
        return systemPrompt.Split('\n').Select(Normalize).Where(l => l.Length >= 24).Any(l => normalized.Contains(l, StringComparison.Ordinal));
    }

    private static string Normalize(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC).ToLowerInvariant())
            if (char.IsLetterOrDigit(c)) result.Append(c);
        return result.ToString();
    }

    [GeneratedRegex(@"\[(\d+(?:\s*,\s*\d+)*)\]")]
    private static partial Regex CitationMark();

    [GeneratedRegex(@"\s+([.,;:!?])")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"\[([^\]]*)\]\((?:[^)]*)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"(?i)\b(?:https?|ftp|tg|javascript|data|file|mailto|vbscript):[^\s<>""')\]]*|\bwww\.[^\s<>""')\]]+")]
    private static partial Regex Url();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex MultiSpace();
}
