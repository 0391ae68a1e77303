namespace Bot.Retrieval.Text;

/// <summary>
/// A light suffix stripper over folded words: strips the longest listed suffix and repeats while a stem of
/// at least <see cref="MinStemLength"/> letters with a vowel remains. The list comes from the
/// Kazakh-Stemmer-Elasticsearch-Plugin (Apache-2.0); the minimum stem guards against its over-stemming.
/// </summary>
internal sealed class KazakhStemmer(IReadOnlyList<string> foldedSuffixes, int minStemLength = 3)
{
    private readonly string[] suffixes = foldedSuffixes.OrderByDescending(s => s.Length).Distinct().ToArray();

    public int MinStemLength { get; } = minStemLength;

    public string Stem(string folded)
    {
        var word = folded;
        for (int guard = 0; guard < 8; guard++)
        {
            if (word.Length <= MinStemLength || KazakhFold.CountVowels(word) < 2 || !char.IsLetter(word[^1])) return word;
            string? stripped = null;
            foreach (var suffix in suffixes)
            {
                if (word.Length - suffix.Length < MinStemLength || !word.EndsWith(suffix, StringComparison.Ordinal)) continue;
                var stem = word[..^suffix.Length];
                if (KazakhFold.CountVowels(stem) == 0) continue;
                stripped = stem;
                break;
            }

            if (stripped is null) return word;
            word = stripped;
        }

        return word;
    }
}
