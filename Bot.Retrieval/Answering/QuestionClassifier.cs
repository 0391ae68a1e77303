using System.Text.RegularExpressions;
using Bot.Retrieval.Text;

namespace Bot.Retrieval.Answering;

/// <summary>
/// Reads the question word (in any spelling the analyzer folds: қашан/кашан/qaşan, Russian когда) and says what kind of
/// sentence answers it, and whether a sentence has such a thing in it.
/// </summary>
public static partial class QuestionClassifier
{
    public static QuestionKind Classify(KazakhAnalyzer analyzer, string question) => Classify(analyzer.Words(question));

    /// <summary>The kind, from the question's words as <see cref="KazakhAnalyzer.Words"/> made them.</summary>
    public static QuestionKind Classify(IEnumerable<string> words)
    {
        var list = words as IReadOnlyList<string> ?? words.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            var word = list[i];
            var next = i + 1 < list.Count ? list[i + 1] : "";
            // "қай жылы", "қай жылдары", "қай уақытта": asked for a year, not a place or a name.
            if (word == "каи" && StartsWithAny(next, "жыл", "уакыт")) return QuestionKind.Date;
            // "қай пайыз", "қай үлес" (how the Russian bridge writes какой процент, какая доля): a number.
            if (word == "каи" && StartsWithAny(next, "паиыз", "улес")) return QuestionKind.Number;
            switch (word)
            {
                // With their case endings: қашаннан, қашанға дейін; қаншаға, қаншасы; кімдер, кімдердің, кіммен, кімнен.
                case "кашан" or "кашаннан" or "кашанга": return QuestionKind.Date;
                case "нешинши": return QuestionKind.Ordinal;
                case "канша" or "каншадан" or "каншалык" or "каншага" or "каншасы" or "неше" or "нешеу" or "нешеуи": return QuestionKind.Number;
                case "ким" or "кимге" or "кимди" or "кимнин" or "кимнен" or "киммен" or "кимдер" or "кимдерди" or "кимдердин" or "кимдермен" or "кимдерге":
                    return QuestionKind.Person;
                case "каи" or "каида" or "каидан" or "каисы" or "каисысы": return QuestionKind.PlaceOrName;
            }
        }

        // "Кесененің биіктігі қандай?", "тістердің саны қандай?", "қандай ұзындық?": a measure asked with қандай is a number.
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] != "кандаи") continue;
            if (i > 0 && IsMeasure(list[i - 1]) || i + 1 < list.Count && IsMeasure(list[i + 1])) return QuestionKind.Number;
        }

        return QuestionKind.Any;
    }

    // Folded nouns of measure (ұзындық, биіктік, тереңдік, көлем, салмақ, жылдамдық, мөлшер, сан, қалыңдық, қашықтық,
    // диаметр, температура, үлес, пайыз, бағасы) in any of their forms.
    private static readonly string[] Measures =
    [
        "узындык", "узындыг", "биикти", "терендик", "терендиг", "колем", "салмак", "салмаг", "жылдамдык", "жылдамдыг",
        "молшер", "калындык", "калындыг", "кашыктык", "кашыктыг", "диаметр", "температура", "улес", "паиыз", "багас",
    ];

    private static bool StartsWithAny(string word, params string[] prefixes) => prefixes.Any(p => word.StartsWith(p, StringComparison.Ordinal));

    private static bool IsMeasure(string foldedWord) =>
        foldedWord is "сан" or "саны" or "санын" || StartsWithAny(foldedWord, Measures);

    /// <summary>True when the sentence holds what the kind asks for.</summary>
    public static bool Satisfies(QuestionKind kind, string sentence) => kind switch
    {
        QuestionKind.Date => Year().IsMatch(sentence) || Month().IsMatch(sentence),
        QuestionKind.Number => Number().IsMatch(sentence) || NumberWord().IsMatch(sentence),
        QuestionKind.Ordinal => OrdinalWord().IsMatch(sentence) || Number().IsMatch(sentence),
        QuestionKind.Person => Initials().IsMatch(sentence) || Surname().IsMatch(sentence),
        QuestionKind.PlaceOrName => InnerCapital().IsMatch(sentence) || Quoted().IsMatch(sentence),
        _ => true,
    };

    [GeneratedRegex(@"\b(1[0-9]{3}|20[0-9]{2})\b")]
    private static partial Regex Year();

    [GeneratedRegex(@"(?i)(қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)")]
    private static partial Regex Month();

    // A count, not a date: a year with its ж./жылы ("1928 ж.") or a day before its month ("28 сәуірде") answers қашан, not
    // неше жыл ("үш жылда", "3 жылда" do).
    [GeneratedRegex(@"(?<![\d.,])(?!(1[0-9]{3}|20[0-9]{2})\s*ж|\d{1,2}\s*(қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан))\d+")]
    private static partial Regex Number();

    // Whole number words ("он", not "оның"; "бір", not "бірақ"), with the collective and the large ones' endings.
    [GeneratedRegex(@"(?i)\b(бір|екі|үш|төрт|бес|алты|жеті|сегіз|тоғыз|он|жиырма|отыз|қырық|елу|алпыс|жетпіс|сексен|тоқсан|жарым|жартысы)\b|\b(жүз|мың|миллион|миллиард)|\b(екеу|үшеу|төртеу|бесеу|алтау|жетеу)")]
    private static partial Regex NumberWord();

    [GeneratedRegex(@"(?i)\b\w+(ыншы|інші|ншы|нші)\b")]
    private static partial Regex OrdinalWord();

    [GeneratedRegex(@"\b\p{Lu}\.\s?(\p{Lu}\.\s?)?\p{Lu}\p{Ll}+")]
    private static partial Regex Initials();

    [GeneratedRegex(@"\b\p{Lu}\p{Ll}+(ов|ев|ова|ева|ин|ина|ұлы|қызы|улы|кызы|баев|баева)\b")]
    private static partial Regex Surname();

    [GeneratedRegex(@"\S\s+[«""]?\p{Lu}\p{Ll}{2,}")]
    private static partial Regex InnerCapital();

    [GeneratedRegex(@"«[^»]+»")]
    private static partial Regex Quoted();
}
