namespace Bot.Retrieval.Text;

/// <summary>
/// Century and chapter numbers written in Roman numerals (XIX, ХІХ typed with Cyrillic Х and І, ХШ for XIII), read as
/// the number, so that "XIX ғасыр" and "19 ғасыр" meet. Only I, V and X, so values 1–39: C, D, M and L are also
/// initials and abbreviations (С. Сейфуллин, МС), and centuries never need them.
/// </summary>
internal static class RomanNumeral
{
    /// <summary>
    /// The value of a token that is a well-formed Roman numeral from 1 to 39. Latin letters in any case; Cyrillic Х and
    /// І only in capitals, where no Kazakh word is spelled with them alone. A lone letter only as a Latin capital
    /// (V ғасыр), since a lone Cyrillic Х is an initial.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> token, out int value)
    {
        value = 0;
        if (token.Length is 0 or > 7) return false;
        if (token.Length == 1 && token[0] is not ('I' or 'V' or 'X')) return false;
        // Each Ш is written out as three letters (at most 21 for a 7-letter token); TryValue refuses what is too long.
        Span<char> latin = stackalloc char[token.Length * 3];
        int n = 0;
        foreach (var ch in token)
        {
            switch (ch)
            {
                case 'I' or 'i' or 'І': latin[n++] = 'I'; break;
                case 'V' or 'v': latin[n++] = 'V'; break;
                case 'X' or 'x' or 'Х': latin[n++] = 'X'; break;
                // "ХШ ғасыр": Ш stands for III in typed Kazakh text.
                case 'Ш' when n > 0: latin[n++] = 'I'; latin[n++] = 'I'; latin[n++] = 'I'; break;
                default: return false;
            }
        }

        return TryValue(latin[..n], out value);
    }

    // X{0,3}(IX|IV|V?I{0,3}), not empty.
    private static bool TryValue(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        int i = 0;
        while (i < s.Length && i < 3 && s[i] == 'X') { value += 10; i++; }
        var rest = s[i..];
        int units = rest switch
        {
            "" => 0, "I" => 1, "II" => 2, "III" => 3, "IV" => 4, "V" => 5, "VI" => 6, "VII" => 7, "VIII" => 8, "IX" => 9,
            _ => -1,
        };
        if (units < 0) return false;
        value += units;
        return value > 0;
    }
}
