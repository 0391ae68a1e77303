namespace Bot.Retrieval.Chunking;

/// <summary>
/// Kazakh sentence boundaries: a sentence ends at . ! ? … (with closing quotes) before a space and a capital, digit,
/// quote or dash, except after initials (Ә.Исекешов, В.С. Шатов), a lone lower-case letter (қ., б. з. б.) and
/// abbreviations that do not end a sentence (жж., б.з.д., обл.); "1925 ж. желтоқсанда" stays whole because a lower-case
/// word follows. A list bullet (* or •) starts a sentence of its own and is not part of it.
/// </summary>
public static class SentenceSplitter
{
    // Abbreviations after which a capital letter does not start a new sentence ("1925 ж. Қызылордада").
    private static readonly HashSet<string> NonFinalAbbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "ж", "жж", "ғ", "ғғ", "б.з.д", "б.з", "обл", "ауд", "проф", "акад", "доц", "мыс", "көш", "бет", "т.е", "г", "гг",
        "им", "ул", "стр", "ст", "млн", "млрд", "трлн", "мың", "шақ", "см", "мм", "кв", "тел", "№",
    };

    /// <summary>Sentence spans (start, length) inside <paramref name="text"/>, trimmed of surrounding spaces.</summary>
    public static List<(int Start, int Length)> Split(string text)
    {
        var spans = new List<(int, int)>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (IsBullet(text, i))
            {
                // A list item is a sentence of its own, whether or not the one before it ended with a full stop
                // ("* Шаңырақ– үйдің бас бөлігі.* Күлдіреуіш– …" had been one 1,230-character "sentence").
                Add(spans, text, start, i);
                start = i + 1;
                continue;
            }

            if (ch is not ('.' or '!' or '?' or '…')) continue;
            int end = i + 1;
            while (end < text.Length && text[end] is '.' or '!' or '?' or '…' or '»' or '"' or '”' or '\'' or ')') end++;
            if (end < text.Length && RunsOn(text, start, i, end))
            {
                // "…газ алмастырады.Барлық денесімен…": a space lost after the full stop; the next sentence starts at once.
                Add(spans, text, start, end);
                start = end;
                i = end - 1;
                continue;
            }

            if (end >= text.Length || !char.IsWhiteSpace(text[end])) continue;
            int next = end;
            while (next < text.Length && char.IsWhiteSpace(text[next])) next++;
            if (next >= text.Length || !StartsSentence(text[next])) continue;
            if (ch == '.' && !EndsSentence(text, start, i)) continue;

            Add(spans, text, start, end);
            start = next;
            i = next - 1;
        }

        Add(spans, text, start, text.Length);
        return spans;
    }

    public static List<string> SplitText(string text) => Split(text).Select(s => text.Substring(s.Start, s.Length)).ToList();

    /// <summary>
    /// True when a full stop with no space after it still ends a sentence: a lower-case word of three letters or more
    /// before it (not an initial, not an abbreviation with inner dots such as т.б.) and a capitalised word of three letters
    /// or more after it.
    /// </summary>
    private static bool RunsOn(string text, int sentenceStart, int dot, int end)
    {
        if (text[dot] != '.' || end != dot + 1 || end + 2 >= text.Length) return false;
        if (!char.IsUpper(text[end]) || !char.IsLower(text[end + 1]) || !char.IsLower(text[end + 2])) return false;
        int letters = 0;
        for (int w = dot - 1; w >= sentenceStart && !char.IsWhiteSpace(text[w]); w--)
        {
            if (!char.IsLower(text[w])) return false;
            letters++;
        }

        return letters >= 3 && !NonFinalAbbreviations.Contains(text[(dot - letters)..dot]);
    }

    /// <summary>
    /// A list bullet (* or •): at the start of the text or a line, or after a space or a sentence's end, and before a
    /// space, a letter or a digit. Not a footnote mark glued to its word ("сөз*").
    /// </summary>
    private static bool IsBullet(string text, int i)
    {
        if (text[i] is not ('*' or '•')) return false;
        if (i > 0 && !(char.IsWhiteSpace(text[i - 1]) || text[i - 1] is '.' or '!' or '?' or '…' or ';' or ':')) return false;
        return i + 1 < text.Length && (char.IsWhiteSpace(text[i + 1]) || char.IsLetterOrDigit(text[i + 1]));
    }

    private static bool StartsSentence(char ch) => char.IsUpper(ch) || char.IsDigit(ch) || ch is '«' or '"' or '“' or '—' or '–' or '-' or '(';

    private static bool EndsSentence(string text, int sentenceStart, int dot)
    {
        // The "word" before the dot, including inner dots (т.с.с, б.з.д, В.С).
        int w = dot;
        while (w > sentenceStart && !char.IsWhiteSpace(text[w - 1]) && text[w - 1] is not ('(' or '«' or '"')) w--;
        var word = text[w..dot];
        if (word.Length == 0) return true;
        var last = word[(word.LastIndexOf('.') + 1)..];
        if (last.Length == 1 && char.IsUpper(last[0])) return false; // an initial
        // A lone lower-case letter is an abbreviation, never a word that ends a sentence: "(қ. Жоңғар хандығы)" (қараңыз),
        // "б. з. б. XV ғасыр"; the rare sentence that ends in a unit ("… 17 млрд. т. Оның …") stays joined to the next.
        if (word.Length == 1 && char.IsLower(word[0])) return false;
        if (NonFinalAbbreviations.Contains(word) || NonFinalAbbreviations.Contains(last) && word.Contains('.')) return false;
        return true;
    }

    private static void Add(List<(int, int)> spans, string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        if (end > start) spans.Add((start, end - start));
    }
}
