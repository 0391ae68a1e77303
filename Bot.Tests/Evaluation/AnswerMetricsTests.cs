using Bot.Retrieval.Evaluation;

namespace Bot.Tests.Evaluation;

public sealed class AnswerMetricsTests
{
    [Fact]
    public void TokenF1_IsSquadStyle_BestOverGolds_AndIgnoresMarkersAndCase()
    {
        Assert.Equal(1.0, AnswerMetrics.TokenF1("1445 километр [1].", ["1445 километр"]));
        // 2 common words of 4 predicted and 2 gold: precision 0.5, recall 1, F1 2/3.
        Assert.Equal(2.0 / 3, AnswerMetrics.TokenF1("ұзындығы 1445 километр болды", ["1445 километр"]), 6);
        Assert.Equal(1.0, AnswerMetrics.TokenF1("Шатов", ["Рысқұлов", "шатов"]));
        Assert.Equal(0.0, AnswerMetrics.TokenF1("жоқ", ["1445"]));
        Assert.Equal(0.0, AnswerMetrics.TokenF1("", ["1445"]));
    }

    [Fact]
    public void ExactMatch_AndContains_FollowTheEvalTextRules()
    {
        Assert.Equal(1.0, AnswerMetrics.ExactMatch("  АТФ   синтезіне. [2]", ["атф синтезіне"]));
        Assert.Equal(0.0, AnswerMetrics.ExactMatch("АТФ синтезіне қатысады", ["атф синтезіне"]));
        Assert.True(AnswerMetrics.Contains("Энергия АТФ синтезiне [1] жұмсалады", ["АТФ синтезіне"])); // Latin i is і
        Assert.False(AnswerMetrics.Contains("Энергия жұмсалады", ["АТФ синтезіне"]));
    }
}
