using Bot.Retrieval.Text;

namespace Bot.Tests.Text;

public sealed class QuestionMarkupTests
{
    [Theory]
    [InlineData("<script>alert(1)</script> Түрксіб темір жолының жалпы ұзындығы қанша?", "Түрксіб темір жолының жалпы ұзындығы қанша?")]
    [InlineData("<b>Түрксіб</b> қашан салынды?", "Түрксіб қашан салынды?")]
    [InlineData("Түрксіб <a href=\"http://x\">сілтеме</a> ұзындығы?", "Түрксіб сілтеме ұзындығы?")]
    [InlineData("&lt;style&gt;p{}&lt;/style&gt;Балқаш зауыты", "Балқаш зауыты")]
    [InlineData("Түрксіб<br/>ұзындығы <!-- жасырын --> қанша?", "Түрксіб ұзындығы қанша?")]
    [InlineData("<SCRIPT type=x>a</SCRIPT>Шатов кім?", "Шатов кім?")]
    public void Strip_DropsTagsScriptsAndEntities_KeepingTheWords(string question, string searched) =>
        Assert.Equal(searched, QuestionMarkup.Strip(question));

    [Theory]
    [InlineData("5 < 7 ме?")] // a comparison is not a tag
    [InlineData("Түрксіб темір жолының жалпы ұзындығы қанша?")]
    [InlineData("Алматы & Астана")]
    public void Strip_LeavesOrdinaryQuestionsAlone(string question) => Assert.Equal(question, QuestionMarkup.Strip(question));

    [Fact]
    public void Strip_OfNothingButMarkup_KeepsTheQuestion() => Assert.Equal("<b></b>", QuestionMarkup.Strip("<b></b>"));
}
