using System.Collections.Concurrent;

namespace Bot.Retrieval.Text;

/// <summary>
/// A Kazakh stemmer that follows the order of endings instead of stripping any listed suffix again and again:
/// from the outside in, at most one case or verb ending, then one possessive, then one plural
/// (облыстарының → облыс+тар+ы+ның; Түрксібтің → түрксіб; ұзындығы → ұзындық). It works on folded words, so every
/// vowel-harmony variant is one form, and undoes the қ/к → ғ/г voicing before a vowel-initial ending. An ending must
/// fit the sound before it (-та after a voiceless consonant, -на after a possessive), so орта is not ор+та.
/// <para>
/// Endings are still ambiguous (басында is бас+ы+нда, not ба+сы+нда; саны is сан+ы, not са+ны). When peeling leaves
/// fewer than four letters, a lexicon decides: every way the layers can be peeled is listed and the shortest stem the
/// lexicon knows is kept. A word with no known stem (a name) keeps three letters at least.
/// </para>
/// </summary>
internal sealed class LayeredStemmer(IReadOnlySet<string>? lexicon = null)
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

    private static readonly string[][] Layers = [Outer, Possessive, Plural];

    // Listing the readings costs more than peeling once, and words repeat (Zipf): known words are remembered, up to a
    // bound that keeps a huge vocabulary of names and typos from growing it without end.
    private const int MaxRemembered = 100_000;
    private readonly ConcurrentDictionary<string, string> remembered = new(StringComparer.Ordinal);
    private int rememberedCount;

    public string Stem(string folded)
    {
        if (folded.Length < 4 || !char.IsLetter(folded[^1])) return folded;
        if (lexicon is null) return PeelLongest(folded);
        if (remembered.TryGetValue(folded, out var stem)) return stem;
        stem = StemWithLexicon(folded, lexicon);
        // ConcurrentDictionary.Count takes every lock, so the bound is counted here.
        if (Volatile.Read(ref rememberedCount) < MaxRemembered && remembered.TryAdd(folded, stem)) Interlocked.Increment(ref rememberedCount);
        return stem;
    }

    private static string StemWithLexicon(string folded, IReadOnlySet<string> lexicon)
    {
        var plain = PeelLongest(folded);
        // The list also holds inflected forms whose root it lacks (өнімдер and өнімі, but no өнім), so it only rescues a
        // stem peeled down to fewer than four letters, where over-peeling happens (ба+сы+нда, са+ны, шо+қан).
        if (plain.Length >= 4) return plain;

        var candidates = new List<string>();
        Peel(folded, 0, false, false, candidates);
        string? known = null;
        foreach (var candidate in candidates)
        {
            if ((known is null || candidate.Length < known.Length) && IsKnownRoot(candidate, lexicon)) known = candidate;
        }

        if (known is not null) return known;
        if (plain.Length >= 3) return plain;
        // Шоқан would lose -қан and become шо: a name keeps three letters at least.
        string? shortest = null;
        foreach (var candidate in candidates)
        {
            if (candidate.Length >= 3 && (shortest is null || candidate.Length < shortest.Length)) shortest = candidate;
        }

        return shortest ?? plain;
    }

    /// <summary>Without a lexicon: the longest ending of each layer that fits.</summary>
    private static string PeelLongest(string word)
    {
        bool vowelInitial = false;
        var outer = StripLongest(word, 0, ref vowelInitial);
        // Accusative -н after a possessive vowel: жолын → жолы → жол; облысын → облысы → облыс. It is a case ending,
        // so not after another one (бөлінеді → бөлін stays, not бөлі → бөл).
        if (outer.Length == word.Length && IsAccusativeN(outer)) outer = outer[..^1];
        word = StripLongest(outer, 1, ref vowelInitial);
        word = StripLongest(word, 2, ref vowelInitial);
        return Unvoice(word, vowelInitial);
    }

    private static string StripLongest(string word, int layer, ref bool vowelInitial)
    {
        foreach (var suffix in Layers[layer])
        {
            if (!CanStrip(word, suffix, layer)) continue;
            vowelInitial = KazakhFold.IsVowel(suffix[0]);
            return word[..^suffix.Length];
        }

        return word;
    }

    /// <summary>Every stem the layers allow, each layer peeled or not: басында → басында, басы, бас, ба.</summary>
    private static void Peel(string word, int layer, bool vowelInitial, bool caseEnding, List<string> into)
    {
        if (layer == Layers.Length)
        {
            into.Add(Unvoice(word, vowelInitial));
            return;
        }

        Peel(word, layer + 1, vowelInitial, caseEnding, into);
        foreach (var suffix in Layers[layer])
        {
            if (CanStrip(word, suffix, layer)) Peel(word[..^suffix.Length], layer + 1, KazakhFold.IsVowel(suffix[0]), layer == 0, into);
        }

        // The accusative -н is a case ending after a possessive: not after another case ending (бөлінеді is not бөлі+н+еді),
        // and only if a possessive is peeled too (алтын is not алты+н).
        if (layer == 1 && !caseEnding && IsAccusativeN(word))
        {
            var stem = word[..^1];
            foreach (var suffix in Possessive)
            {
                if (CanStrip(stem, suffix, 1)) Peel(stem[..^suffix.Length], 2, KazakhFold.IsVowel(suffix[0]), true, into);
            }
        }
    }

    private static bool CanStrip(string word, string suffix, int layer)
    {
        if (!word.EndsWith(suffix, StringComparison.Ordinal)) return false;
        var stem = word.AsSpan(0, word.Length - suffix.Length);
        int min = suffix.Length == 1 ? 3 : 2;
        if (stem.Length < min || KazakhFold.CountVowels(stem) == 0) return false;
        // A lone possessive ы/и follows a consonant; after a vowel the и was a folded й (бай, сай) and stays.
        if (suffix.Length == 1 && KazakhFold.IsVowel(stem[^1]) && stem[^1] != 'у') return false;
        // The possessive -сы/-си follows a vowel other than ы/и (облысы is облыс+ы, not облы+сы).
        if (layer == 1 && suffix[0] == 'с' && (!KazakhFold.IsVowel(stem[^1]) || stem[^1] is 'ы' or 'и')) return false;
        return FitsSound(stem[^1], suffix, layer);
    }

    // A word-final б, в, г or д (loans: Түрксіб, завод) sounds voiceless, and its endings follow the sound: Түрксібке.
    private static bool IsVoiceless(char ch) => ch is 'к' or 'п' or 'с' or 'т' or 'ф' or 'х' or 'ц' or 'ч' or 'ш' or 'щ' or 'б' or 'в' or 'г' or 'д';

    // An ending's first consonant agrees with the sound before it: -та/-ты/-тан/-қа/-қан after a voiceless consonant,
    // -да/-ды/-ға/-ған after a vowel or voiced one; the pronominal -на/-нда/-нан after a possessive ы/і. So алтын is not
    // ал+тын, орта not ор+та, астана not аста+на.
    private static bool FitsSound(char last, string suffix, int layer)
    {
        bool vowel = KazakhFold.IsVowel(last);
        if (layer == 2)
        {
            return suffix[0] switch
            {
                'т' => IsVoiceless(last),
                'д' => !vowel && !IsVoiceless(last),
                _ => vowel || last is 'р',
            };
        }

        if (layer != 0) return true;
        return suffix switch
        {
            "на" or "не" or "нда" or "нде" or "ндагы" or "ндеги" => last is 'ы' or 'и',
            "нан" or "нен" => last is 'ы' or 'и' or 'м' or 'н',
            "нын" or "нин" => vowel || last is 'м' or 'н',
            "ны" or "ни" => vowel,
            _ => suffix[0] switch
            {
                'т' or 'к' => IsVoiceless(last),
                'д' or 'г' => !IsVoiceless(last),
                _ => true,
            },
        };
    }

    private static bool IsKnownRoot(string stem, IReadOnlySet<string> lexicon) =>
        stem.Length >= 3 ? lexicon.Contains(stem) && IsRootShaped(stem) : TwoLetterRoots.Contains(stem);

    // The word list's two-letter entries are mostly syllables and abbreviations (ба, са, ор), so the two-letter roots are
    // listed here, folded: ел, су, үй, ай, ат, ой, ән, іс, із, ит, өз. Not ал, ас, ер, ет, от, ұл: алтын, астында, ерте,
    // етті, өтті and ұлы ("great") would read as them.
    private static readonly HashSet<string> TwoLetterRoots = new(StringComparer.Ordinal) { "ел", "су", "уи", "аи", "ат", "ои", "ан", "ис", "из", "ит", "оз" };

    // The word list holds some abbreviations (елд, обл, өтк). A three-letter root ends in a vowel, one consonant, or a
    // sonorant and a voiceless consonant (айт, ант, өрт, ұлт); loans ending in other clusters are longer.
    private static bool IsRootShaped(string stem) =>
        stem.Length > 3 || KazakhFold.IsVowel(stem[^1]) || KazakhFold.IsVowel(stem[^2])
        || stem[^2] is 'р' or 'л' or 'н' or 'м' && stem[^1] is 'т' or 'к' or 'п' or 'с';

    private static bool IsAccusativeN(string word) =>
        word.Length > 4 && word[^1] == 'н' && word[^2] is 'ы' or 'и' && !KazakhFold.IsVowel(word[^3]);

    private static string Unvoice(string word, bool vowelInitial) =>
        vowelInitial && word.Length >= 3 && word[^1] == 'г' ? word[..^1] + "к" : word;

    private static string[] Sort(params string[] suffixes) => suffixes.OrderByDescending(s => s.Length).ToArray();
}
