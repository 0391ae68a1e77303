using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Retrieval.Text.Russian;

/// <summary>
/// Russian questions read in Kazakh, with no model: the language is recognised from the question's own words, and
/// each Russian word becomes its Kazakh words from two lists (<c>ru_kk_core.tsv</c>, written for the project, and
/// <c>ru_kk_lexicon.tsv</c>, aligned from interface translations; see Text/Russian/SOURCE.md). Question words become
/// Kazakh question words, numbers and names stay (Турксиба → турксиб: the Kazakh folding meets Түрксіб), and a word
/// neither list knows is kept by its Snowball stem, which often meets a Kazakh loanword (индустриализации →
/// индустриализац ~ индустрияландыру under the index's five-letter stems).
/// </summary>
public sealed partial class RussianBridge
{
    /// <summary>The lists shipped with the assembly, read once.</summary>
    public static RussianBridge Default => Shared.Value;

    private static readonly Lazy<RussianBridge> Shared = new(() => new RussianBridge(Read("ru_kk_core.tsv"), Read("ru_kk_lexicon.tsv")));

    // Aligned entries under this score are too often wrong to search with (a hand-checked sample: docs/russian.md).
    private const double MinAlignedScore = 0.25;
    private const int MaxAligned = 2;

    private readonly Dictionary<string, string[]> byStem = new(StringComparer.Ordinal);
    private readonly HashSet<string> kazakhWords;

    /// <summary>Kazakh forms of a Russian question word whose case asks "which": в каком году → қай жылы.</summary>
    private static readonly Dictionary<string, string> Which = new(StringComparer.Ordinal)
    {
        ["каком"] = "қай", ["какого"] = "қай", ["какому"] = "қай", ["какую"] = "қай", ["каких"] = "қай", ["какими"] = "қай",
        ["какой"] = "қай", ["какая"] = "қай", ["какое"] = "қай", ["какие"] = "қай", ["которого"] = "қай", ["которой"] = "қай",
        ["скольких"] = "қанша", ["сколько"] = "қанша", ["какова"] = "қандай", ["каков"] = "қандай", ["каковы"] = "қандай",
    };

    // Russian words no Kazakh sentence needs: prepositions, conjunctions, pronouns, the copula.
    private static readonly HashSet<string> Function = new(QuestionWords.RussianStop.Concat(
    [
        "я", "ты", "вы", "мы", "он", "она", "оно", "они", "его", "ее", "её", "их", "ему", "ей", "им", "него", "неё", "нее", "них",
        "себя", "свой", "своей", "своего", "так", "как", "уже", "ли", "бы", "же", "ещё", "еще", "также", "тоже", "всего", "всех",
        "этого", "этой", "этом", "этим", "того", "том", "тот", "та", "те", "там", "под", "над", "без", "через", "между", "после",
        "перед", "около", "среди", "является", "являлся", "являлась", "являются", "называется", "называют", "находится",
    ]), StringComparer.Ordinal);

    // Words Russian spells and Kazakh does not (кто, что, был, это...), for telling the two apart.
    private static readonly HashSet<string> RussianOnly = new(StringComparer.Ordinal)
    {
        "кто", "что", "как", "какой", "какая", "какое", "какие", "каком", "какого", "какова", "каков", "когда", "сколько",
        "где", "куда", "откуда", "почему", "зачем", "чем", "чего", "который", "которая", "которое", "в", "во", "на", "и",
        "с", "со", "по", "об", "от", "до", "из", "за", "к", "у", "для", "при", "был", "была", "было", "были", "это", "этот",
        "эта", "эти", "есть", "году", "года", "годах", "лет", "или", "через", "после", "между", "является", "называется",
    };

    public RussianBridge(IEnumerable<(string Russian, string[] Kazakh, double Score)> core, IEnumerable<(string Russian, string[] Kazakh, double Score)> aligned)
    {
        foreach (var (russian, kazakh, _) in core)
        {
            var stem = RussianStemmer.Stem(russian);
            byStem[stem] = byStem.TryGetValue(stem, out var known) ? [.. known, .. kazakh.Except(known)] : kazakh;
        }

        foreach (var group in aligned.Where(a => a.Score >= MinAlignedScore).GroupBy(a => a.Russian, StringComparer.Ordinal))
        {
            if (byStem.ContainsKey(group.Key)) continue; // the written list decides where it speaks
            byStem[group.Key] = group.OrderByDescending(a => a.Score).SelectMany(a => a.Kazakh).Take(MaxAligned).ToArray();
        }

        kazakhWords = KazakhResources.Lexicon().Concat(KazakhResources.StopWords()).Concat(QuestionWords.Kazakh)
            .Select(KazakhFold.Fold).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Russian stems either list translates.</summary>
    public int Size => byStem.Count;

    /// <summary>Whether the list knows <paramref name="russianWord"/> (for coverage reports).</summary>
    public bool Knows(string russianWord) => byStem.ContainsKey(RussianStemmer.Stem(russianWord));

    /// <summary>
    /// True when the question is Russian: no Kazakh-only letter, and more Russian-only words and endings than words the
    /// Kazakh dictionary knows. Kazakh typed on a Russian keyboard (канша, болды, жылы) is Kazakh: its words fold
    /// onto the dictionary's.
    /// </summary>
    public bool IsRussian(string question)
    {
        if (question.Any(c => "әғқңөұүһіӘҒҚҢӨҰҮҺІ".Contains(c))) return false;
        int russian = 0, kazakh = 0, cyrillic = 0;
        foreach (Match m in Word().Matches(question))
        {
            var word = m.Value.ToLowerInvariant();
            if (!RussianStemmer.IsRussianWord(word)) continue;
            cyrillic++;
            if (RussianOnly.Contains(word) || word.Contains('ё') || word.Contains('ъ') || word.Contains('щ')) russian += 2;
            else if (word.Length > 4 && RussianEnding().IsMatch(word)) russian++;
            if (kazakhWords.Contains(word)) kazakh++;
        }

        return cyrillic > 0 && russian > kazakh;
    }

    /// <summary>What a slot holds: a question word, a translated word, a name or number, or a Russian word no list knows (its stem).</summary>
    public enum SlotKind
    {
        Asks,
        Translated,
        Kept,
        Unknown,
    }

    /// <summary>One word of the question as the Kazakh words it may be.</summary>
    public sealed record Slot(string[] Words, SlotKind Kind);

    /// <summary>The question's words, each as the Kazakh words it may be (one slot a word; names, numbers and unknown words as themselves).</summary>
    public IReadOnlyList<Slot> Slots(string question)
    {
        var slots = new List<Slot>();
        foreach (Match m in Token().Matches(question))
        {
            var token = m.Value;
            var lower = token.ToLowerInvariant().Replace('ё', 'е');
            if (char.IsDigit(token[0]) || !RussianStemmer.IsRussianWord(lower))
            {
                slots.Add(new([token], SlotKind.Kept));
                continue;
            }

            // "Какое место занимал…": a rank, нешінші орын, not a place.
            if (Which.ContainsKey(lower) && m.NextMatch() is { Success: true } next && next.Value.ToLowerInvariant().StartsWith("мест", StringComparison.Ordinal))
                slots.Add(new(["нешінші"], SlotKind.Asks));
            else if (Which.TryGetValue(lower, out var which)) slots.Add(new([which], SlotKind.Asks));
            else if (QuestionWords.RussianToKazakh.TryGetValue(lower, out var asks)) slots.Add(new([asks], SlotKind.Asks));
            else if (Function.Contains(lower)) continue;
            else if (byStem.TryGetValue(RussianStemmer.Stem(lower), out var kazakh)) slots.Add(new(kazakh, SlotKind.Translated));
            else if (Compound(lower) is { } parts) slots.AddRange(parts.Select(p => new Slot(p, SlotKind.Translated)));
            else
            {
                // A name keeps its capital (Турксиба, Шатова); any other unknown word may be a loanword the passages share.
                var stem = RussianStemmer.Stem(lower);
                var kept = stem.Length >= 4 ? stem : lower;
                slots.Add(new([kept], char.IsUpper(token[0]) && m.Index > 0 ? SlotKind.Kept : SlotKind.Unknown));
            }
        }

        return slots;
    }

    private const int MaxCompoundLetters = 40;

    /// <summary>
    /// A Russian compound of two words the lists know, joined by о or е (мясокомбинат = мясо + комбинат → ет комбинат,
    /// рыбоконсервный, медеплавильный, видеооборудование): the Kazakh words of each half, a slot each; else null.
    /// </summary>
    private string[][]? Compound(string word)
    {
        if (word.Length > MaxCompoundLetters) return null; // no Russian compound is longer; each split point stems a half
        for (int i = 3; i <= word.Length - 5; i++)
        {
            if (word[i - 1] is not ('о' or 'е')) continue;
            var head = word[..i];
            if (!byStem.TryGetValue(RussianStemmer.Stem(word[i..]), out var tail)) continue;
            var first = byStem.GetValueOrDefault(RussianStemmer.Stem(head)) ?? byStem.GetValueOrDefault(head[..^1]) ?? byStem.GetValueOrDefault(RussianStemmer.Stem(head[..^1] + "ь"));
            if (first is not null) return [first, tail];
        }

        return null;
    }

    /// <summary>Every Kazakh word any slot may be: what the first search looks with.</summary>
    public static string Wide(IReadOnlyList<Slot> slots) => string.Join(' ', slots.SelectMany(s => s.Words));

    /// <summary>
    /// The Kazakh question: in each slot, the word the passages found by the wide search use most (their precise
    /// stems), else the slot's first word; what the answer is chosen with, so that an alternative no passage uses does
    /// not count against the coverage of the right sentence. A Russian word no list knows becomes the passages' word
    /// that starts as it does (шымкентск → шымкент, балхашск → балқаш: Russian х is Kazakh қ), or is left out when
    /// none does: it would only lower the coverage of every sentence. When that would leave out most of the
    /// question's words, or leave fewer than three, they all stay: what is left would be another, emptier question
    /// (сколько стоит биткоин сегодня → қанша құны бүгін), and the passages found for it would not answer this one.
    /// A name in its Russian form becomes the passages' name the same way (Балхашский → Балқаш), else stays.
    /// </summary>
    public static string Choose(IReadOnlyList<Slot> slots, IEnumerable<string> passages, KazakhAnalyzer analyzer)
    {
        var texts = passages.ToList();
        var chosen = Choose(slots, texts, analyzer, dropUnknown: true, out int dropped);
        int content = slots.Count(s => s.Kind != SlotKind.Asks);
        // Fewer than three words left, or fewer than half: the question would be another (сколько стоит биткоин сегодня →
        // қанша құны бүгін), so every word stays.
        return dropped * 2 > content || content - dropped < 3 ? Choose(slots, texts, analyzer, dropUnknown: false, out _) : chosen;
    }

    private static string Choose(IReadOnlyList<Slot> slots, List<string> texts, KazakhAnalyzer analyzer, bool dropUnknown, out int dropped)
    {
        dropped = 0;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in texts.SelectMany(analyzer.PreciseTerms)) counts[term] = counts.GetValueOrDefault(term) + 1;
        var passageWords = texts.SelectMany(t => Word().Matches(t).Select(m => m.Value)).Where(w => w.Length >= 4)
            .GroupBy(w => Skeleton(w), StringComparer.Ordinal).ToList();
        var words = new StringBuilder();
        foreach (var slot in slots)
        {
            string? best;
            if (slot.Kind == SlotKind.Kept && IsRussianName(slot.Words[0]))
            {
                // A name in its Russian form (Балхашский, Карагандинский, Мангистауской) is the passages' name that starts
                // as it does (Балқаш, Қарағанды, Маңғыстау), else itself: a name no passage shares is what the question is
                // about (биткоин), never dropped.
                best = PassageWord(passageWords, slot.Words[0]) ?? slot.Words[0];
            }
            else if (slot.Kind == SlotKind.Unknown)
            {
                best = PassageWord(passageWords, slot.Words[0]);
                if (best is null && dropUnknown)
                {
                    dropped++;
                    continue;
                }

                best ??= slot.Words[0];
            }
            else
            {
                best = slot.Words.Length == 1 ? slot.Words[0] : slot.Words
                    .Select((word, i) => (word, i, n: analyzer.PreciseTerms(word).Sum(t => counts.GetValueOrDefault(t))))
                    .OrderByDescending(x => x.n).ThenBy(x => x.i).First().word;
            }

            if (words.Length > 0) words.Append(' ');
            words.Append(best);
        }

        return words.Append('?').ToString();
    }

    // Of the passages' words sharing the word's first five letters as both languages spell them, the one sharing the most
    // letters, then the most used: Карагандинский is Қарағанды, not the commoner word that merely starts "карag".
    private static string? PassageWord(List<IGrouping<string, string>> passageWords, string word)
    {
        var stem = Skeleton(word);
        var prefix = stem[..Math.Min(stem.Length, 5)];
        return prefix.Length < 4 ? null : passageWords.Where(g => g.Key.StartsWith(prefix, StringComparison.Ordinal))
            .OrderByDescending(g => CommonPrefix(g.Key, stem)).ThenByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.First()).FirstOrDefault();
    }

    private static int CommonPrefix(string a, string b)
    {
        int n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n]) n++;
        return n;
    }

    // A Russian name kept as it was typed: Cyrillic letters, no digit (not 1929, not a Latin brand).
    private static bool IsRussianName(string word) => word.Length >= 4 && word.All(c => c is '-' || char.IsLetter(c)) && RussianStemmer.IsRussianWord(word.ToLowerInvariant());

    // A word as Russian and Kazakh spell it alike: lower case, Kazakh letters folded, Russian х read as қ (к), ы as і
    // (Мангистау / Маңғыстау).
    private static string Skeleton(string word) => KazakhFold.Fold(word.ToLowerInvariant()).Replace('х', 'к').Replace('ё', 'е').Replace('ы', 'и');

    private static IEnumerable<(string, string[], double)> Read(string name)
    {
        using var stream = typeof(RussianBridge).Assembly.GetManifestResourceStream($"Bot.Retrieval.Text.Russian.{name}")
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from Bot.Retrieval.");
        using var reader = new StreamReader(stream);
        var rows = new List<(string, string[], double)>();
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var fields = line.Split('\t');
            if (fields.Length < 2) continue;
            double score = fields.Length > 2 && double.TryParse(fields[2], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 1;
            rows.Add((fields[0], fields[1].Split(' ', StringSplitOptions.RemoveEmptyEntries), score));
        }

        return rows;
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\p{L}[\p{L}\-]*|\d+")]
    private static partial Regex Token();

    [GeneratedRegex("(ого|его|ому|ему|ыми|ими|ться|тся|ешь|ете|ают|яют|ует|ал[аио]?|ил[аио]?|ый|ий|ая|яя|ое|ее|ые|ие|ую|юю|ом|ем|ах|ях|ами|ями|ции|ция|ство|ства|ством)$")]
    private static partial Regex RussianEnding();
}
