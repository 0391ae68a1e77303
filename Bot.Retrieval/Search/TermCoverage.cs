namespace Bot.Retrieval.Search;

/// <summary>
/// The idf-weighted share of question terms present in a text's terms. A term counts as present when the text has it,
/// or a word that extends it or that it extends by a short ending (stems of one word can differ by a suffix).
/// </summary>
internal static class TermCoverage
{
    /// <summary>The share for a question whose terms were weighed once (<see cref="QuestionTerms"/>) for all the texts it is compared with.</summary>
    public static double Of(QuestionTerms question, IReadOnlySet<string> textTerms)
    {
        if (question.Total <= 0) return 0;
        double found = 0;
        for (int i = 0; i < question.Terms.Count; i++)
        {
            if (Contains(textTerms, question.Terms[i])) found += question.Idf[i];
        }

        return found / question.Total;
    }

    public static bool Contains(IReadOnlySet<string> terms, string term)
    {
        if (terms.Contains(term)) return true;
        if (term.Length < 4 || term.All(char.IsDigit)) return false;
        foreach (var t in terms)
        {
            if (t.Length < 4) continue;
            if (t.Length > term.Length ? IsShortExtension(t, term) : IsShortExtension(term, t)) return true;
        }

        return false;
    }

    private static bool IsShortExtension(string longer, string shorter) =>
        longer.Length - shorter.Length <= 3 && longer.StartsWith(shorter, StringComparison.Ordinal);
}
