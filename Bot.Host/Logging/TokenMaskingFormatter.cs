using System.Text.RegularExpressions;
using Serilog.Events;
using Serilog.Formatting;

namespace Bot.Host.Logging;

/// <summary>Renders with an inner formatter, then masks anything shaped like a Telegram bot token, wherever it came from.</summary>
public sealed partial class TokenMaskingFormatter(ITextFormatter inner) : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        using var buffer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        inner.Format(logEvent, buffer);
        output.Write(Mask(buffer.ToString()));
    }

    public static string Mask(string text) => Token().Replace(text, "${bot}***:***");

    [GeneratedRegex(@"(?<bot>bot)?\d{5,20}:[A-Za-z0-9_-]{20,}")]
    private static partial Regex Token();
}
