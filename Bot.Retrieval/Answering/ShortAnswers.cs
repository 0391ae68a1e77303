using System.Text.RegularExpressions;
using Bot.Retrieval.Text;

namespace Bot.Retrieval.Answering;

/// <summary>
/// The span of an answer sentence that answers the question word: a number with its unit (қанша, неше), a date
/// (қашан), an ordinal (нешінші), a person (кім). A value the question itself gives is not its answer; among the rest, the
/// one nearest the question's words in the sentence. Null where no span type fits: the sentence alone answers.
/// </summary>
internal static partial class ShortAnswers
{
    public static string? Extract(KazakhAnalyzer analyzer, QuestionKind kind, AnalyzedQuestion question, string sentence)
    {
        var regex = kind switch
        {
            QuestionKind.Number => NumberWithUnit(),
            QuestionKind.Date => Date(),
            QuestionKind.Ordinal => Ordinal(),
            QuestionKind.Person => Person(),
            _ => null,
        };
        if (regex is null) return null;

        var questionFolded = EvalFold(question.Text);
        var questionTerms = question.PreciseTerms.ToHashSet(StringComparer.Ordinal);
        // Where the question's words stand in the sentence: the answer is usually beside them.
        var anchors = WordSpans().Matches(sentence).Where(m => analyzer.PreciseTerms(m.Value).Any(questionTerms.Contains)).Select(m => m.Index).ToList();
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (Match match in regex.Matches(sentence))
        {
            var span = match.Value.Trim().TrimEnd(',', ';', ':');
            if (span.Length == 0 || questionFolded.Contains(EvalFold(Core(kind, match)), StringComparison.Ordinal)) continue;
            int distance = anchors.Count == 0 ? match.Index : anchors.Min(a => Math.Abs(a - match.Index));
            if (kind == QuestionKind.Date && !match.Groups["n"].Success) distance += 10_000; // a date with its year first
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = span;
            }
        }

        return best;
    }

    // What must not already be in the question: the number or year itself, the ordinal, the surname.
    private static string Core(QuestionKind kind, Match match) =>
        kind is QuestionKind.Number or QuestionKind.Date && match.Groups["n"].Success ? match.Groups["n"].Value : match.Value.Trim();

    private static string EvalFold(string text) => text.ToLowerInvariant().Replace('i', 'і');

    // 1445 км, 57 адам, 600 қалаш, 2,5 миллион тонна, 30%, 15 пайыз: a number and up to two words after it.
    [GeneratedRegex(@"(?<![\p{L}\d])(?<n>\d+(?:[ \u00A0]\d{3})*(?:[.,]\d+)?)(?:\s*%|(?:\s+(?:мың|миллион|миллиард|млн|млрд)\.?)?\s+[\p{L}-]+(?:\.|(?=[\s,;:)]|$)))?")]
    private static partial Regex NumberWithUnit();

    // 1928 жылы, 1930 ж., 1929 жылғы қаңтарда, 1928 жылдың 1 қазанынан, 3 мамырда 1929 ж.; a day and month alone (3 мамырда)
    // only where no year is given.
    [GeneratedRegex(@"(?i)(?:(?<d>\d{1,2})\s+)?(?:(?:қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)\p{L}*\s+)?(?<n>1\d{3}|20\d{2})(?:\s*(?:ж\.|жылы|жылдың|жылғы|жылдары|жыл))?(?:\s+(?:\d{1,2}\s+)?(?:қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)\p{L}*)?|(?<m>\d{1,2}\s+(?:қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)\p{L}*)")]
    private static partial Regex Date();

    [GeneratedRegex(@"(?i)(?<![\p{L}])[\p{L}]+(?:ыншы|інші|ншы|нші)(?![\p{L}])")]
    private static partial Regex Ordinal();

    [GeneratedRegex(@"(?:\p{Lu}\.\s?(?:\p{Lu}\.\s?)?\p{Lu}\p{Ll}+)|(?:\p{Lu}\p{Ll}+\s+)?\p{Lu}\p{Ll}+(?:ов|ев|ова|ева|ин|ина|ұлы|қызы|улы|кызы|баев|баева)(?![\p{L}])")]
    private static partial Regex Person();

    [GeneratedRegex(@"[\p{L}\d]+")]
    private static partial Regex WordSpans();
}
