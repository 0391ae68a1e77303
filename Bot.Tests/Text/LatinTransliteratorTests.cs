using Bot.Retrieval.Text;

namespace Bot.Tests.Text;

public sealed class LatinTransliteratorTests
{
    [Theory]
    [InlineData("qazaqstan", "қазақстан")]
    [InlineData("şymkent", "шымкент")]
    [InlineData("shymkent", "шымкент")]
    [InlineData("mūnai", "мұнаи")]
    [InlineData("öndıru", "өндіру")]
    [InlineData("qorğasynynyñ", "қорғасынының")]
    [InlineData("zhol", "жол")]
    [InlineData("teñız", "теңіз")]
    [InlineData("tengiz", "тенгиз")] // "ng" before a vowel stays two letters
    [InlineData("mynbaev", "мынбаев")]
    public void ToCyrillic_KnownSpellings(string latin, string cyrillic) =>
        Assert.Equal(cyrillic, LatinTransliterator.ToCyrillic(latin));
}
