namespace Bot.Retrieval.Text;

/// <summary>
/// A Kazakh stemmer that follows the order of endings instead of stripping any listed suffix again and again:
/// from the outside in, at most one case or verb ending, then one possessive, then one plural
/// (облыстарының → облыс+тар+ы+ның; Түрксібтің → түрксіб; ұзындығы → ұзындық). It works on folded words, so every
/// vowel-harmony variant is one form, and undoes the қ/к → ғ/г voicing before a vowel-initial ending.
/// </summary>
public sealed class LayeredStemmer
{
    // Folded forms (і→и, ң→н, ғ→г, қ→к, й→и). Longest first inside each layer.
    private static readonly string[] Outer = Sort(
        // case: genitive, dative, accusative, locative, ablative, instrumental, the -дағы adjective, the -дай similative
        "нын", "нин", "дын", "дин", "тын", "тин", "га", "ге", "ка", "ке", "на", "не", "ны", "ни", "ды", "ди", "ты", "ти",
        "да", "де", "та", "те", "нда", "нде", "дан", "ден", "тан", "тен", "нан", "нен", "мен", "бен", "пен", "менен", "бенен", "пенен",
        "дагы", "деги", "тагы", "теги", "ндагы", "ндеги", "даи", "деи", "таи", "теи",
        // verbs: present and past tense, participles, converb, verbal noun
        "ады", "еди", "иды", "иди", "ган", "ген", "кан", "кен", "атын", "етин", "итын", "итин", "ып", "ип");

    private static readonly string[] Possessive = Sort("ымыз", "имиз", "мыз", "миз", "ыныз", "иниз", "ныз", "низ", "ым", "им", "сы", "си", "ы", "и");

    private static readonly string[] Plural = Sort("лар", "лер", "дар", "дер", "тар", "тер");

    public string Stem(string folded)
    {
        if (folded.Length < 4 || !char.IsLetter(folded[^1])) return folded;
        var word = folded;
        bool strippedVowelInitial = false;

        var outer = StripOne(word, Outer, ref strippedVowelInitial);
        // Accusative -н after a possessive vowel: жолын → жолы → жол; облысын → облысы → облыс. It is a case ending,
        // so not after another one (бөлінеді → бөлін stays, not бөлі → бөл).
        bool caseStripped = outer.Length < word.Length;
        word = outer;
        if (!caseStripped && word.Length > 4 && word[^1] == 'н' && word[^2] is 'ы' or 'и' && !KazakhFold.IsVowel(word[^3])) word = word[..^1];
        word = StripOne(word, Possessive, ref strippedVowelInitial);
        word = StripOne(word, Plural, ref strippedVowelInitial);
        if (strippedVowelInitial && word.Length >= 3 && word[^1] == 'г') word = word[..^1] + "к";
        return word;
    }

    private static string StripOne(string word, string[] suffixes, ref bool vowelInitial)
    {
        foreach (var suffix in suffixes)
        {
            if (!word.EndsWith(suffix, StringComparison.Ordinal)) continue;
            var stem = word[..^suffix.Length];
            int min = suffix.Length == 1 ? 3 : 2;
            if (stem.Length < min || KazakhFold.CountVowels(stem) == 0) continue;
            // A lone possessive ы/и follows a consonant; after a vowel the и was a folded й (бай, сай) and stays.
            if (suffix.Length == 1 && KazakhFold.IsVowel(stem[^1]) && stem[^1] != 'у') continue;
            // The possessive -сы/-си follows a vowel other than ы/и (облысы is облыс+ы, not облы+сы).
            if (suffixes == Possessive && suffix[0] == 'с' && (!KazakhFold.IsVowel(stem[^1]) || stem[^1] is 'ы' or 'и')) continue;
            vowelInitial = KazakhFold.IsVowel(suffix[0]);
            return stem;
        }

        return word;
    }

    private static string[] Sort(params string[] suffixes) => suffixes.OrderByDescending(s => s.Length).ToArray();
}
