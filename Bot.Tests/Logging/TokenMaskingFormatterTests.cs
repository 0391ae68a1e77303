using Bot.Host.Logging;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Parsing;

namespace Bot.Tests.Logging;

public sealed class TokenMaskingFormatterTests
{
    [Theory]
    [InlineData("POST https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getMe", "POST https://api.telegram.org/bot***:***/getMe")]
    [InlineData("token=7000001:CANARY_tok3n_9f8e7d6c5b4a3210fedcba9876543210 end", "token=***:*** end")]
    [InlineData("update 12345: 10:30 о'clock", "update 12345: 10:30 о'clock")]
    public void Mask_HidesAnythingShapedLikeABotToken(string text, string masked) =>
        Assert.Equal(masked, TokenMaskingFormatter.Mask(text));

    [Fact]
    public void Format_MasksTokensInPropertiesAndExceptions()
    {
        var formatter = new TokenMaskingFormatter(new MessageTemplateTextFormatter("{Message:lj} {Exception}"));
        var template = new MessageTemplateParser().Parse("calling {Url}");
        var logEvent = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Warning,
            new HttpRequestException("failed for /bot42424242:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdef/sendMessage"), template,
            [new LogEventProperty("Url", new ScalarValue("https://api.telegram.org/bot42424242:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdef/getUpdates"))]);
        using var output = new StringWriter();
        formatter.Format(logEvent, output);
        Assert.DoesNotContain("ABCDEFGHIJKLMNOPQRSTUVWXYZ", output.ToString());
        Assert.Contains("bot***:***/getUpdates", output.ToString());
    }
}
