using System.Text;

namespace Bot.Retrieval.Documents.Cleaning;

/// <summary>
/// Character-level repairs every text gets before anything else reads it: invisible and
/// joining characters removed, odd spaces made plain, NFC, and Latin look-alike letters inside
/// Cyrillic words replaced by the Cyrillic letter (web text writes Kazakh "і" as Latin "i").
/// </summary>
public static class ScriptRepair
{
    // Latin letters that look like a Cyrillic one. Lower-case "i" is Kazakh "і": that is the
    // web-text habit this repair exists for (the seed writes "өнiмдердiң").
    private static readonly Dictionary<char, char> LatinToCyrillic = new()
    {
        ['a'] = 'а', ['e'] = 'е', ['o'] = 'о', ['p'] = 'р', ['c'] = 'с', ['x'] = 'х', ['y'] = 'у',
        ['i'] = 'і', ['k'] = 'к', ['h'] = 'һ', ['ə'] = 'ә',
        ['A'] = 'А', ['B'] = 'В', ['E'] = 'Е', ['K'] = 'К', ['M'] = 'М', ['H'] = 'Н', ['O'] = 'О',
        ['P'] = 'Р', ['C'] = 'С', ['T'] = 'Т', ['X'] = 'Х', ['Y'] = 'У', ['I'] = 'І', ['Ə'] = 'Ә',
    };

    /// <summary>Removes characters that never carry meaning in our text and normalises spaces and NFC.</summary>
    public static string CleanCharacters(string text)
    {
        if (text.Length == 0 || IsClean(text)) return text;
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.Normalize(NormalizationForm.FormC))
        {
            switch (ch)
            {
                case '\u00AC': // "¬" left inside words by a word processor's hyphenation
                case '\u00AD': // soft hyphen
                case '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF':
                case >= '\u202A' and <= '\u202E': // bidi embeddings and overrides
                case >= '\u2066' and <= '\u2069': // bidi isolates
                case '\u200E' or '\u200F' or '\u061C':
                    continue;
                case '\u00A0' or '\u2007' or '\u202F' or '\u2009' or '\u200A' or '\u2002' or '\u2003' or '\u3000':
                    sb.Append(' ');
                    continue;
                case '\r':
                    continue;
                case '\t':
                    sb.Append(' ');
                    continue;
            }

            if (ch != '\n' && char.IsControl(ch)) { sb.Append(' '); continue; }
            sb.Append(ch);
        }

        return sb.ToString();
    }

    // Most text needs nothing: answer that without allocating.
    private static bool IsClean(string text)
    {
        foreach (var ch in text)
        {
            if (ch < ' ' && ch != '\n' || ch is '\u00AC' or '\u00AD' or '\u00A0' || ch is >= '\u2000' and <= '\u206F' && ch is not ('—' or '–' or '“' or '”' or '…' or '‘' or '’' or '„') || ch == '\uFEFF' || ch == '\u3000' || ch == '\u061C')
                return false;
        }

        return text.IsNormalized(NormalizationForm.FormC);
    }

    /// <summary>Replaces Latin look-alikes inside words that are otherwise Cyrillic.</summary>
    public static string RepairMixedScript(string text)
    {
        char[]? buffer = null;
        int i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetter(text[i])) { i++; continue; }
            int start = i;
            int cyrillic = 0, latin = 0;
            while (i < text.Length && (char.IsLetter(text[i]) || text[i] == '\u0301'))
            {
                if (IsCyrillic(text[i])) cyrillic++;
                else if (IsLatin(text[i])) latin++;
                i++;
            }

            if (cyrillic == 0 || latin == 0) continue;
            if (IsRomanNumeral(text.AsSpan(start, i - start)))
            {
                // "ХІV съезі": a Roman numeral typed with Cyrillic Х and І; it becomes all Latin.
                buffer ??= text.ToCharArray();
                for (int j = start; j < i; j++) buffer[j] = text[j] switch { 'Х' => 'X', 'І' => 'I', 'С' => 'C', 'М' => 'M', var c => c };
                continue;
            }

            for (int j = start; j < i; j++)
            {
                if (IsLatin(text[j]) && LatinToCyrillic.TryGetValue(text[j], out var cyr))
                {
                    buffer ??= text.ToCharArray();
                    buffer[j] = cyr;
                }
            }
        }

        return buffer is null ? text : new string(buffer);
    }

    /// <summary>Both repairs, in the order they must run.</summary>
    public static string Repair(string text) => RepairMixedScript(CleanCharacters(text));

    private static bool IsRomanNumeral(ReadOnlySpan<char> word)
    {
        foreach (var ch in word)
        {
            if (ch is not ('I' or 'V' or 'X' or 'L' or 'C' or 'M' or 'D' or 'Х' or 'І' or 'С' or 'М')) return false;
        }

        return true;
    }

    internal static bool IsCyrillic(char ch) => ch is >= '\u0400' and <= '\u04FF';

    internal static bool IsLatin(char ch) =>
        ch is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') ||
        (ch >= '\u00C0' && ch <= '\u024F' && ch != '\u00D7' && ch != '\u00F7') || ch is 'ə' or 'Ə';
}
