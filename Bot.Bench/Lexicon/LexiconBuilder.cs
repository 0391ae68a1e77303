using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Bot.Retrieval.Text;
using Bot.Retrieval.Text.Russian;

namespace Bot.Bench.Lexicon;

/// <summary>
/// Builds the Russian → Kazakh word lexicon from aligned interface translations (<see cref="Catalogs"/>): IBM model 1
/// trained in both directions over (Russian stem, Kazakh stem) pairs, an entry kept only when both directions agree
/// and the two met in at least two messages. Deterministic: the same sources give the same file, byte for byte.
/// </summary>
public static partial class LexiconBuilder
{
    private const int Iterations = 10;
    private const int MinCooccurrence = 2;
    private const double MinForward = 0.1;
    private const int MaxPerWord = 3;
    private const int MaxWords = 15;

    // Russian function words: no lexicon entry is made for them (the question words have their own table).
    private static readonly HashSet<string> RussianFunction = new(QuestionWords.RussianStop.Concat(QuestionWords.RussianToKazakh.Keys).Concat(
    [
        "я", "ты", "вы", "мы", "он", "она", "оно", "они", "его", "ее", "её", "их", "ваш", "ваша", "ваше", "ваши", "вас", "вам", "нас", "нам",
        "мой", "свой", "свои", "себя", "все", "всё", "весь", "вся", "так", "как", "уже", "если", "чтобы", "нет", "да", "будет", "бы",
        "только", "также", "ещё", "еще", "этого", "этой", "этом", "этим", "того", "том", "тот", "та", "те", "там", "тут", "здесь",
        "можно", "нельзя", "под", "над", "без", "через", "между", "после", "перед", "или", "либо", "ни", "ну", "вот",
    ]));

    public static int Run(string from, string output, int sample)
    {
        if (!Directory.Exists(from))
        {
            Console.Error.WriteLine($"{from} does not exist: run Bot.Bench/Lexicon/fetch-sources.sh {from} first");
            return 2;
        }

        var raw = Catalogs.Pairs(from, out var perSource);
        var analyzer = new KazakhAnalyzer();
        var surfaces = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var pairs = new List<(int[] Russian, int[] Kazakh)>();
        var russianIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var kazakhIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (ru, kk) in raw)
        {
            if (!seen.Add(ru + "\u0001" + kk)) continue; // the same message in several programs counts once
            var r = RussianStems(ru).Select(s => Id(russianIds, s)).Distinct().ToArray();
            var k = KazakhStems(kk, analyzer, surfaces).Select(s => Id(kazakhIds, s)).Distinct().ToArray();
            if (r.Length is 0 or > MaxWords || k.Length is 0 or > MaxWords) continue;
            pairs.Add((r, k));
        }

        var forward = Model1(pairs.Select(p => (p.Russian, p.Kazakh)).ToList(), russianIds.Count); // t(kazakh | russian)
        var backward = Model1(pairs.Select(p => (p.Kazakh, p.Russian)).ToList(), kazakhIds.Count); // t(russian | kazakh)
        var together = new Dictionary<long, int>();
        var russianCount = new int[russianIds.Count];
        foreach (var (r, k) in pairs)
        {
            foreach (var a in r)
            {
                russianCount[a]++;
                foreach (var b in k) together[Key(a, b)] = together.GetValueOrDefault(Key(a, b)) + 1;
            }
        }

        var russianNames = russianIds.OrderBy(p => p.Value).Select(p => p.Key).ToArray();
        var kazakhNames = kazakhIds.OrderBy(p => p.Value).Select(p => p.Key).ToArray();
        var bestBackward = new Dictionary<int, HashSet<int>>();
        foreach (var group in backward.GroupBy(kv => (int)(kv.Key >> 32)))
            bestBackward[group.Key] = group.OrderByDescending(kv => kv.Value).ThenBy(kv => (int)kv.Key).Take(3).Select(kv => (int)kv.Key).ToHashSet();

        var lines = new List<string>();
        foreach (var group in forward.GroupBy(kv => (int)(kv.Key >> 32)).OrderBy(g => russianNames[g.Key], StringComparer.Ordinal))
        {
            if (russianCount[group.Key] < MinCooccurrence) continue;
            var kept = group
                .Where(kv => kv.Value >= MinForward && together.GetValueOrDefault(Key(group.Key, (int)kv.Key)) >= MinCooccurrence
                             && bestBackward.TryGetValue((int)kv.Key, out var back) && back.Contains(group.Key))
                .Select(kv => (Kazakh: (int)kv.Key, Score: Math.Sqrt(kv.Value * backward.GetValueOrDefault(Key((int)kv.Key, group.Key)))))
                .OrderByDescending(x => x.Score).ThenBy(x => kazakhNames[x.Kazakh], StringComparer.Ordinal)
                .Take(MaxPerWord);
            foreach (var (kazakh, score) in kept)
            {
                var surface = surfaces[kazakhNames[kazakh]].OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key;
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{russianNames[group.Key]}\t{surface}\t{score:0.000}\t{together[Key(group.Key, kazakh)]}"));
            }
        }

        var header = new StringBuilder()
            .AppendLine("# Russian stem (Snowball) -> Kazakh word, score (geometric mean of IBM model 1 in both directions), messages that hold both.")
            .AppendLine("# Built by: dotnet run -c Release --project Bot.Bench -- build-lexicon --from DIR (DIR from Bot.Bench/Lexicon/fetch-sources.sh).")
            .AppendLine(CultureInfo.InvariantCulture, $"# From {pairs.Count} message pairs of Debian's {string.Join(", ", perSource.OrderBy(p => p.Key).Select(p => $"{p.Key} ({p.Value})"))} interface translations, MPL-2.0: see LICENSE-MPL-2.0_ru_kk_lexicon.txt and SOURCE.md.");
        File.WriteAllText(output, header + string.Join("\n", lines) + "\n", new UTF8Encoding(false));
        var words = lines.Select(l => l.Split('\t')[0]).Distinct().Count();
        Console.WriteLine($"{raw.Count} aligned messages ({string.Join(", ", perSource.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}), {pairs.Count} distinct pairs used");
        Console.WriteLine($"lexicon: {words} Russian stems, {lines.Count} entries -> {output}");
        if (sample > 0)
        {
            var random = new Random(20261202);
            var byWord = lines.GroupBy(l => l.Split('\t')[0]).ToList();
            Console.WriteLine($"sample of {sample} Russian stems (seed 20261202), best entry each, for checking by hand:");
            foreach (var g in byWord.OrderBy(_ => random.Next()).Take(sample)) Console.WriteLine("  " + g.First().Replace('\t', ' '));
        }

        return 0;
    }

    private static int Id(Dictionary<string, int> ids, string word)
    {
        if (!ids.TryGetValue(word, out var id)) ids[word] = id = ids.Count;
        return id;
    }

    private static long Key(int a, int b) => ((long)a << 32) | (uint)b;

    /// <summary>IBM model 1 with a NULL source word, uniform start: t(target | source) keyed by (source, target).</summary>
    private static Dictionary<long, double> Model1(List<(int[] Source, int[] Target)> pairs, int sources)
    {
        int nothing = sources; // the NULL word
        var t = new Dictionary<long, double>();
        foreach (var (s, g) in pairs)
        {
            foreach (var b in g)
            {
                foreach (var a in s) t[Key(a, b)] = 1.0;
                t[Key(nothing, b)] = 1.0;
            }
        }

        for (int iteration = 0; iteration < Iterations; iteration++)
        {
            var counts = new Dictionary<long, double>(t.Count);
            var totals = new double[sources + 1];
            foreach (var (s, g) in pairs)
            {
                foreach (var b in g)
                {
                    double z = t[Key(nothing, b)];
                    foreach (var a in s) z += t[Key(a, b)];
                    foreach (var a in s.Append(nothing))
                    {
                        var c = t[Key(a, b)] / z;
                        counts[Key(a, b)] = counts.GetValueOrDefault(Key(a, b)) + c;
                        totals[a] += c;
                    }
                }
            }

            foreach (var (key, count) in counts) t[key] = count / totals[(int)(key >> 32)];
        }

        foreach (var key in t.Keys.Where(k => (int)(k >> 32) == nothing).ToList()) t.Remove(key);
        return t;
    }

    private static IEnumerable<string> RussianStems(string text)
    {
        foreach (Match m in Word().Matches(Clean(text)))
        {
            var word = m.Value.ToLowerInvariant();
            if (word.Length < 2 || !RussianStemmer.IsRussianWord(word) || RussianFunction.Contains(word)) continue;
            yield return RussianStemmer.Stem(word);
        }
    }

    private static IEnumerable<string> KazakhStems(string text, KazakhAnalyzer analyzer, Dictionary<string, Dictionary<string, int>> surfaces)
    {
        foreach (Match m in Word().Matches(Clean(text)))
        {
            var word = m.Value.ToLowerInvariant();
            if (word.Length < 2 || !word.All(c => c is >= '\u0400' and <= '\u04FF')) continue;
            var terms = analyzer.PreciseTerms(word);
            if (terms.Count != 1 || char.IsDigit(terms[0][0])) continue;
            var forms = surfaces.TryGetValue(terms[0], out var f) ? f : surfaces[terms[0]] = new Dictionary<string, int>(StringComparer.Ordinal);
            forms[word] = forms.GetValueOrDefault(word) + 1;
            yield return terms[0];
        }
    }

    // Placeholders, markup and access keys are not words: %1 %s $name$ { $var } <b> \n ~ & _
    private static string Clean(string text) => Noise().Replace(text, " ").Replace("~", "").Replace("&", "").Replace("_", "");

    [GeneratedRegex(@"%\w+%?|\$\w+\$?|\{[^}]*\}|<[^>]*>|\\[nt]|&\w+;")]
    private static partial Regex Noise();

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();
}
