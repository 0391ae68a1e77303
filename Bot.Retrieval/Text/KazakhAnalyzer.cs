using Bot.Retrieval.Documents.Cleaning;

namespace Bot.Retrieval.Text;

/// <summary>
/// The one analysis used for chunks and questions alike: repair → lower-case → tokenize → Latin to Cyrillic →
/// Russian question words to Kazakh → fold → stop words → stem. Every spelling of a word reaches the same term.
/// </summary>
public sealed class KazakhAnalyzer
{
    private readonly HashSet<string> stopWords;
    private readonly HashSet<string> questionWords;
    private static readonly LayeredStemmer QuestionStemmer = new();
    // The word list as a set, built once per process and only read after: every analyzer (one per pipeline, bench run
    // or test) shares it instead of folding 54k words again.
    private static readonly Lazy<HashSet<string>> FoldedLexicon = new(() => KazakhResources.Lexicon().Select(KazakhFold.Fold).ToHashSet(StringComparer.Ordinal));
    private static readonly Lazy<HashSet<string>> UnfoldedLexicon = new(() => KazakhResources.Lexicon().ToHashSet(StringComparer.Ordinal));
    private readonly HashSet<string> questionStems;
    private readonly Dictionary<string, string> russianQuestionWords;
    private readonly Func<string, string> stem;
    private readonly Func<string, string> preciseStem;

    public KazakhAnalyzer(AnalyzerOptions? options = null)
    {
        Options = options ?? new AnalyzerOptions();
        questionWords = QuestionWords.Kazakh.Select(FoldIfEnabled).ToHashSet(StringComparer.Ordinal);
        russianQuestionWords = QuestionWords.RussianToKazakh.ToDictionary(kv => FoldIfEnabled(kv.Key), kv => FoldIfEnabled(kv.Value), StringComparer.Ordinal);
        stopWords = KazakhResources.StopWords().Select(FoldIfEnabled).ToHashSet(StringComparer.Ordinal);
        stopWords.UnionWith(questionWords);
        if (Options.Stemmer == StemmerKind.SuffixList)
        {
            var list = new KazakhStemmer(KazakhResources.Suffixes().Select(FoldIfEnabled).ToList(), Options.MinStemLength);
            stem = list.Stem;
        }
        else
        {
            var lexicon = Options.Lexicon ? (Options.Fold ? FoldedLexicon : UnfoldedLexicon).Value : null;
            stem = new LayeredStemmer(lexicon).Stem;
        }

        preciseStem = stem;
        // Inflected question words (кімдер, кімдердің, қайсысын) are question words too. Only the stems no content word
        // shares: қандай stems to қан ("blood") and қай to қай-ың ("birch").
        // The plain layered stemmer reads them: the lexicon lists some of their forms (қайсысы) as words.
        questionStems = QuestionWords.InflectedStems.Select(w => QuestionStemmer.Stem(FoldIfEnabled(w))).ToHashSet(StringComparer.Ordinal);
        if (Options.MaxStemLength > 0)
        {
            var inner = stem;
            stem = w => Cap(inner(w));
        }
    }

    public AnalyzerOptions Options { get; }

    public static KazakhAnalyzer Default { get; } = new();

    /// <summary>Lower-cased, transliterated, folded words in order, stop words included (unstemmed).</summary>
    public List<string> Words(string text) => WordsOfRepaired(ScriptRepair.Repair(text));

    /// <summary>
    /// <see cref="Words"/> of text that has been through <see cref="ScriptRepair.Repair"/> already: a chunk's heading and
    /// text, and every sentence cut from them (the loaders repair what they read), so indexing and answering repair once.
    /// </summary>
    public List<string> WordsOfRepaired(string repaired)
    {
        var words = new List<string>();
        Span<char> buffer = stackalloc char[64];
        int i = 0;
        while (i < repaired.Length)
        {
            if (!IsWordChar(repaired[i])) { i++; continue; }
            int start = i;
            bool latin = false, cyrillic = false;
            // A number and a word written together part (1089ж., 1990жылы, 20ғ.): each is looked up on its own.
            while (i < repaired.Length && IsWordChar(repaired[i]) && (i == start || char.IsAsciiDigit(repaired[i]) == char.IsAsciiDigit(repaired[i - 1])))
            {
                char ch = repaired[i++];
                if (ch < 128) latin |= char.IsAsciiLetter(ch);
                else if (ScriptRepair.IsCyrillic(ch)) cyrillic = true;
                else latin |= ScriptRepair.IsLatin(ch) || ch == 'ı';
            }

            var token = repaired.AsSpan(start, i - start);
            if (RomanNumeral.TryParse(token, out var number))
            {
                words.Add(number.ToString(System.Globalization.CultureInfo.InvariantCulture));
                continue;
            }

            if (latin && !cyrillic && Options.Transliterate)
            {
                words.Add(Russian(FoldIfEnabled(LatinTransliterator.ToCyrillic(token.ToString().ToLowerInvariant()))));
                continue;
            }

            // Lower-case and fold in one pass, allocating only the finished word.
            var target = token.Length <= buffer.Length ? buffer[..token.Length] : new char[token.Length];
            for (int j = 0; j < token.Length; j++)
            {
                var lower = char.ToLowerInvariant(token[j]);
                target[j] = Options.Fold ? KazakhFold.Fold(lower) : lower;
            }

            var word = new string(target);
            words.Add(words.Count > 0 && char.IsDigit(words[^1][0]) ? Abbreviation(token, word) : Russian(word));
        }

        return words;
    }

    // "1870 ж." is 1870 жылы and "XV ғ." the 15th ғасыр: after a number the lone letter is the word it abbreviates.
    // Only the Kazakh ғ: a Russian "г." after a number is год, a year.
    private string Abbreviation(ReadOnlySpan<char> token, string word) => token switch
    {
        "ж" or "жж" or "Ж" => FoldIfEnabled("жыл"),
        "ғ" or "ғғ" or "Ғ" => FoldIfEnabled("ғасыр"),
        _ => Russian(word),
    };

    private string Russian(string word) => word.Length <= 10 && russianQuestionWords.TryGetValue(word, out var kazakh) ? kazakh : word;

    /// <summary>A question's words and both kinds of stems, made once for everything that reads the question after search.</summary>
    public AnalyzedQuestion Analyze(string question)
    {
        var words = Words(question);
        return new AnalyzedQuestion(question, words, Terms(words), PreciseTerms(words));
    }

    /// <summary>The index terms of a text: <see cref="Words"/> without stop words, stemmed.</summary>
    public List<string> Terms(string text) => Terms(Words(text));

    /// <summary>
    /// Terms with full stems, not cut to <see cref="AnalyzerOptions.MaxStemLength"/>: what relevance and sentence choice
    /// read, where the cap's extra matches would cost precision. <see cref="Cap"/> maps one onto the other.
    /// </summary>
    public List<string> PreciseTerms(string text) => Terms(Words(text), preciseStem);

    /// <summary>The index term of a precise term.</summary>
    public string Cap(string preciseTerm) =>
        Options.MaxStemLength > 0 && preciseTerm.Length > Options.MaxStemLength && !char.IsDigit(preciseTerm[0]) ? preciseTerm[..Options.MaxStemLength] : preciseTerm;

    /// <summary>The index terms of words already produced by <see cref="Words"/>.</summary>
    public List<string> Terms(IEnumerable<string> words) => Terms(words, stem);

    /// <summary>Precise terms of words already produced by <see cref="Words"/>.</summary>
    public List<string> PreciseTerms(IEnumerable<string> words) => Terms(words, preciseStem);

    private List<string> Terms(IEnumerable<string> words, Func<string, string> stem)
    {
        var terms = new List<string>();
        foreach (var word in words)
        {
            // A lone letter (an initial, a stray tag name) names no topic; a lone digit may (1-бөлім).
            if (IsStopWord(word) || word.Length == 1 && !char.IsDigit(word[0])) continue;
            terms.Add(Options.Stem ? stem(word) : word);
        }

        return terms;
    }

    /// <summary>
    /// Neighbouring stems of the words, stop words included and question words left out ("жалпы ұзындығы"): a sentence
    /// holding the question's pairs repeats its phrasing, not just its words.
    /// </summary>
    public HashSet<(string, string)> StemPairs(IEnumerable<string> words)
    {
        var stems = words.Where(w => !IsQuestionWord(w)).Select(Stem).ToList();
        var pairs = new HashSet<(string, string)>();
        for (int i = 0; i + 1 < stems.Count; i++) pairs.Add((stems[i], stems[i + 1]));
        return pairs;
    }

    /// <summary>True for a (folded) question word such as қашан, қанша, кім.</summary>
    public bool IsQuestionWord(string foldedWord) => questionWords.Contains(foldedWord);

    public bool IsStopWord(string foldedWord) =>
        Options.StopWords && (stopWords.Contains(foldedWord) || QuestionWords.RussianStop.Contains(foldedWord)
            || foldedWord.Length > 3 && foldedWord[0] is 'к' or 'н' && Options.Stem && questionStems.Contains(QuestionStemmer.Stem(foldedWord)));

    public string Stem(string foldedWord) => Options.Stem ? stem(foldedWord) : foldedWord;

    private string FoldIfEnabled(string word) => Options.Fold ? KazakhFold.Fold(word) : word;

    // Letters and digits make words; hyphens, apostrophes and punctuation separate them. Combining marks stay inside.
    private static bool IsWordChar(char ch) =>
        ch < 128 ? char.IsAsciiLetterOrDigit(ch) : char.IsLetterOrDigit(ch) || char.GetUnicodeCategory(ch) == System.Globalization.UnicodeCategory.NonSpacingMark;
}
