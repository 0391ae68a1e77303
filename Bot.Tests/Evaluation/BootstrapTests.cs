using Bot.Retrieval.Evaluation;

namespace Bot.Tests.Evaluation;

public sealed class BootstrapTests
{
    [Fact]
    public void Mean_OfEqualScores_HasNoWidth()
    {
        var interval = Bootstrap.Mean(Enumerable.Repeat(0.8, 50).ToList());

        Assert.Equal(0.8, interval.Mean, 12);
        Assert.Equal(0.8, interval.Low, 12);
        Assert.Equal(0.8, interval.High, 12);
    }

    [Fact]
    public void Mean_OfHitsAndMisses_MatchesTheNormalApproximation()
    {
        // 400 questions, half of them found: the standard error is sqrt(0.25 / 400) = 0.025, so a 95% interval is
        // about 0.5 ± 0.049.
        var values = Enumerable.Range(0, 400).Select(i => i % 2 == 0 ? 1.0 : 0.0).ToList();

        var interval = Bootstrap.Mean(values);

        Assert.Equal(0.5, interval.Mean, 12);
        Assert.InRange(interval.Low, 0.44, 0.46);
        Assert.InRange(interval.High, 0.54, 0.56);
    }

    [Fact]
    public void Mean_WithMoreQuestions_IsNarrower_AndTheSameSeedRepeatsIt()
    {
        var few = Enumerable.Range(0, 100).Select(i => i % 3 == 0 ? 1.0 : 0.2).ToList();
        var many = Enumerable.Range(0, 10_000).Select(i => i % 3 == 0 ? 1.0 : 0.2).ToList();

        var narrow = Bootstrap.Mean(many, resamples: 2_000);
        var wide = Bootstrap.Mean(few, resamples: 2_000);

        // Width falls with the square root of the sample: 100 times the questions, a tenth of the width.
        double ratio = (wide.High - wide.Low) / (narrow.High - narrow.Low);
        Assert.InRange(ratio, 7, 13);
        Assert.Equal(wide, Bootstrap.Mean(few, resamples: 2_000));
    }

    [Fact]
    public void Difference_OfASystemThatWinsEveryQuestion_NeverVanishes()
    {
        var baseline = Enumerable.Range(0, 60).Select(i => (i % 7) / 10.0).ToList();
        var better = baseline.Select(v => v + 0.1).ToList();

        var lead = Bootstrap.Difference(better, baseline);

        Assert.Equal(0.1, lead.Mean, 9);
        Assert.Equal(0.1, lead.Low, 9);
        Assert.Equal(0.0, lead.ShareNotAboveZero);
    }

    [Fact]
    public void Difference_OfTwoSystemsThatTradeWins_IncludesZero()
    {
        // Each system wins half the questions by the same margin: no lead, and about half the resamples show none.
        var a = Enumerable.Range(0, 200).Select(i => i % 2 == 0 ? 1.0 : 0.5).ToList();
        var b = Enumerable.Range(0, 200).Select(i => i % 2 == 0 ? 0.5 : 1.0).ToList();

        var lead = Bootstrap.Difference(a, b);

        Assert.True(lead.Low < 0 && lead.High > 0, $"{lead}");
        Assert.InRange(lead.ShareNotAboveZero, 0.4, 0.65);
    }

    [Fact]
    public void Difference_OfUnpairedScores_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => Bootstrap.Difference([1.0, 0.5], [1.0]));
    }
}
