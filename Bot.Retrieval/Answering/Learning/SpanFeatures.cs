using System.Text.RegularExpressions;
using Bot.Retrieval.Text;

namespace Bot.Retrieval.Answering.Learning;

/// <summary>One run of words of an answer sentence that may be its short answer, with what the span model reads of it.</summary>
internal sealed record SpanCandidate(string Text, int FirstWord, int LastWord, double[] Features);

/// <summary>
/// The candidate short answers of a sentence (every run of one to <see cref="MaxWords"/> words) and their features:
/// length, how much of the question they repeat (an answer is what the question lacks), where they stand beside the
/// question's words (Kazakh puts the answer next to them, often just before the verb), digits and capitals against
/// what the question word asks for, stop words at the edges, and whether a typed rule (<see cref="ShortAnswers"/>)
/// found the same words. Ranked by <see cref="AnswererModel"/>'s span weights, learned on kazqad-tune's answer spans.
/// </summary>
internal static partial class SpanFeatures
{
    public const int MaxWords = 6;

    public static readonly string[] Names =
    [
        "bias", "words_1", "words_2", "words_3", "words_4", "words_5", "words_6",
        "question_word_share", "has_question_word", "stop_share", "starts_with_stop", "ends_with_stop",
        "distance_to_question_word", "beside_question_word", "question_word_after", "question_word_before",
        "has_digit", "digit_for_number_or_date", "inner_capital", "capital_for_person", "capital_for_place_or_name",
        "start_position", "words_after_share", "ends_sentence", "starts_sentence",
        "overlaps_typed", "equals_typed", "locative_for_place", "any_kind_length", "all_content_new",
        "before_asked_next", "ends_with_asked_next", "after_asked_previous",
    ];

    public static List<SpanCandidate> For(KazakhAnalyzer analyzer, QuestionKind kind, AnalyzedQuestion question, string sentence) =>
        For(analyzer, kind, question, sentence, ShortAnswers.Extract(analyzer, kind, question, sentence));

    /// <summary>As above, with the typed rules' value for this sentence already found (<see cref="ShortAnswers.Extract"/>).</summary>
    public static List<SpanCandidate> For(KazakhAnalyzer analyzer, QuestionKind kind, AnalyzedQuestion question, string sentence, string? typed)
    {
        var words = WordPattern().Matches(sentence).Select(m => (m.Index, m.Length, Text: m.Value)).ToList();
        if (words.Count == 0) return [];
        var questionTerms = question.PreciseTerms.ToHashSet(StringComparer.Ordinal);
        var terms = words.Select(w => analyzer.PreciseTerms(w.Text)).ToList();
        var isQuestion = terms.Select(t => t.Count > 0 && t.Any(questionTerms.Contains)).ToArray();
        var isStop = terms.Select(t => t.Count == 0).ToArray();
        var typedWords = typed is null ? [] : AnswerTokens(typed);
        var anchors = Enumerable.Range(0, words.Count).Where(i => isQuestion[i]).ToList();
        // The question word's neighbours: the answer takes its place, so it stands where the question word stood ("комитетті
        // кім басқарды?" → "… Т.Рысқұлов басқарды", "ұзындығы қанша?" → "ұзындығы 1445 км", "қанша адам" → "100 мыңдай адам").
        var (askedPrevious, askedNext) = AskedNeighbours(analyzer, question);
        bool Has(int i, string? stem) => stem is not null && i >= 0 && i < words.Count && terms[i].Contains(stem);

        var candidates = new List<SpanCandidate>();
        for (int first = 0; first < words.Count; first++)
        {
            for (int last = first; last < Math.Min(words.Count, first + MaxWords); last++)
            {
                int n = last - first + 1;
                // A run of stop words alone, or one that is all question, answers nothing.
                if (Enumerable.Range(first, n).All(i => isStop[i] || isQuestion[i])) continue;
                var text = sentence[words[first].Index..(words[last].Index + words[last].Length)];
                var spanWords = AnswerTokens(text);
                int questionCount = Enumerable.Range(first, n).Count(i => isQuestion[i]);
                int stopCount = Enumerable.Range(first, n).Count(i => isStop[i]);
                var outside = anchors.Where(a => a < first || a > last).ToList();
                int distance = outside.Count == 0 ? 10 : outside.Min(a => a < first ? first - a : a - last);
                bool digit = text.Any(char.IsDigit);
                bool capital = Enumerable.Range(first, n).Any(i => i > 0 && char.IsUpper(words[i].Text[0]));
                int overlap = typedWords.Count == 0 ? 0 : spanWords.Count(typedWords.Contains);
                var features = new double[Names.Length];
                features[0] = 1;
                features[n] = 1;
                features[7] = questionCount / (double)n;
                features[8] = questionCount > 0 ? 1 : 0;
                features[9] = stopCount / (double)n;
                features[10] = isStop[first] ? 1 : 0;
                features[11] = isStop[last] ? 1 : 0;
                features[12] = Math.Min(distance, 10) / 10.0;
                features[13] = distance == 1 ? 1 : 0;
                features[14] = last + 1 < words.Count && isQuestion[last + 1] ? 1 : 0;
                features[15] = first > 0 && isQuestion[first - 1] ? 1 : 0;
                features[16] = digit ? 1 : 0;
                features[17] = digit && kind is QuestionKind.Number or QuestionKind.Date or QuestionKind.Ordinal ? 1 : 0;
                features[18] = capital ? 1 : 0;
                features[19] = capital && kind == QuestionKind.Person ? 1 : 0;
                features[20] = capital && kind == QuestionKind.PlaceOrName ? 1 : 0;
                features[21] = first / (double)words.Count;
                features[22] = (words.Count - 1 - last) / (double)words.Count;
                features[23] = last == words.Count - 1 ? 1 : 0;
                features[24] = first == 0 ? 1 : 0;
                features[25] = typedWords.Count == 0 ? 0 : overlap / (double)Math.Max(spanWords.Count, typedWords.Count);
                features[26] = typedWords.Count > 0 && overlap == typedWords.Count && spanWords.Count == typedWords.Count ? 1 : 0;
                features[27] = kind == QuestionKind.PlaceOrName && Locative().IsMatch(words[last].Text) ? 1 : 0;
                features[28] = kind == QuestionKind.Any ? n / (double)MaxWords : 0;
                features[29] = questionCount == 0 && stopCount == 0 ? 1 : 0;
                features[30] = Has(last + 1, askedNext) ? 1 : 0;
                features[31] = n > 1 && Has(last, askedNext) ? 1 : 0;
                features[32] = Has(first - 1, askedPrevious) ? 1 : 0;
                candidates.Add(new SpanCandidate(text, first, last, features));
            }
        }

        return candidates;
    }

    /// <summary>The stems of the words just before and just after the question word (қашан, кім, қанша …), where they have one.</summary>
    internal static (string? Previous, string? Next) AskedNeighbours(KazakhAnalyzer analyzer, AnalyzedQuestion question)
    {
        var words = question.Words;
        int at = -1;
        // An inflected one too (кімдер, қаншаға), which the classifier reads.
        bool Asks(string word) => analyzer.IsQuestionWord(word) || QuestionClassifier.Classify([word]) != QuestionKind.Any;
        for (int i = 0; i < words.Count && at < 0; i++) if (Asks(words[i])) at = i;
        if (at < 0) return (null, null);
        string? StemAt(int i) => i >= 0 && i < words.Count && !Asks(words[i]) ? analyzer.PreciseTerms([words[i]]).FirstOrDefault() : null;
        return (StemAt(at - 1), StemAt(at + 1));
    }

    // The evaluation's own word split, so that a span's words are the words token F1 counts.
    private static List<string> AnswerTokens(string text) => Bot.Retrieval.Text.AnswerTokens.Of(text);

    // Words with what holds them together: 1445, 2,5, В.С.Шатов, Алматы-Ташкент.
    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[.,\-–'’][\p{L}\p{N}]+)*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"(?:да|де|та|те|нда|нде)$")]
    private static partial Regex Locative();
}
