using System.Text;

namespace Bot.Retrieval.Text;

/// <summary>
/// Turns a lower-case Latin-script Kazakh word into Cyrillic: the 2021 alphabet (ä ğ ı ñ ö ş ū ü, y = ы,
/// i = и/й) and the informal spellings people type (sh, zh, ch, kh, ng, q, w, ya, yu).
/// Exactness is not the goal: the result is folded afterwards, so и/й/і and у/ұ/ү meet anyway.
/// </summary>
internal static class LatinTransliterator
{
    private static readonly Dictionary<char, string> Single = new()
    {
        ['a'] = "а", ['ä'] = "ә", ['á'] = "ә", ['b'] = "б", ['c'] = "с", ['ç'] = "ч", ['d'] = "д", ['e'] = "е",
        ['f'] = "ф", ['g'] = "г", ['ğ'] = "ғ", ['ǵ'] = "ғ", ['h'] = "х", ['i'] = "и", ['ı'] = "і", ['j'] = "ж",
        ['k'] = "к", ['l'] = "л", ['m'] = "м", ['n'] = "н", ['ñ'] = "ң", ['ń'] = "ң", ['o'] = "о", ['ö'] = "ө",
        ['ó'] = "ө", ['p'] = "п", ['q'] = "қ", ['r'] = "р", ['s'] = "с", ['ş'] = "ш", ['t'] = "т", ['u'] = "у",
        ['ū'] = "ұ", ['ü'] = "ү", ['ú'] = "ү", ['v'] = "в", ['w'] = "у", ['x'] = "х", ['y'] = "ы", ['ý'] = "и",
        ['z'] = "з",
    };

    public static string ToCyrillic(string word)
    {
        var sb = new StringBuilder(word.Length);
        for (int i = 0; i < word.Length; i++)
        {
            char ch = word[i];
            char next = i + 1 < word.Length ? word[i + 1] : '\0';
            switch (ch, next)
            {
                case ('s', 'h'): sb.Append('ш'); i++; continue;
                case ('z', 'h'): sb.Append('ж'); i++; continue;
                case ('c', 'h'): sb.Append('ч'); i++; continue;
                case ('k', 'h'): sb.Append('х'); i++; continue;
                case ('y', 'a'): sb.Append('я'); i++; continue;
                case ('y', 'u'): sb.Append('ю'); i++; continue;
                case ('n', 'g') when i + 2 >= word.Length || !IsLatinVowel(word[i + 2]):
                    sb.Append('ң'); i++; continue;
            }

            if (ch == '\u0307') continue; // the dot left by lower-casing "İ"
            sb.Append(Single.TryGetValue(ch, out var cyr) ? cyr : ch.ToString());
        }

        return sb.ToString();
    }

    private static bool IsLatinVowel(char ch) => "aäeiıoöuūüy".Contains(ch);
}
