using Bot.Host.Formatting;
using Bot.Host.Telegram.Sending;
using global::Telegram.Bot;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Host.Telegram.Handling;

// Button presses: a source button shows the cited passage, a vote button records feedback once per user.
public sealed partial class UpdateHandler
{
    private async Task HandleCallbackAsync(CallbackQuery query, CancellationToken cancellationToken)
    {
        if (query.Data is { } vote && (vote.StartsWith("v:", StringComparison.Ordinal) || vote.StartsWith("r:", StringComparison.Ordinal)))
        {
            await HandleVoteAsync(query, vote, cancellationToken);
            return;
        }

        var passage = query.Data is { } data && data.StartsWith("p:", StringComparison.Ordinal) ? passages.Passage(data[2..]) : null;
        try
        {
            await bot.AnswerCallbackQuery(query.Id, passage is null ? Messages.PassageGone : null, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is global::Telegram.Bot.Exceptions.ApiRequestException or global::Telegram.Bot.Exceptions.RequestException)
        {
            logger.CallbackAnswerFailed(ex.Message); // a stale button press: nothing to repair
        }

        if (passage is null || query.Message is not { } origin) return;
        var target = new TelegramSender.Target(origin.Chat.Id, TelegramRoutes.IsGroup(origin.Chat), origin.IsTopicMessage ? origin.MessageThreadId : null, origin.Id);
        var blocks = new List<TelegramHtml.Block> { new(passage.Value.Location, Bold: true), new(passage.Value.Text) };
        await sender.SendAsync(target, TelegramHtml.Render(blocks), null, cancellationToken);
    }

    // v:ID:u / v:ID:d (👍 / 👎 under an answer), r:ID:REASON (a reason offered after a 👎). Any member of the chat the
    // answer was shown in may vote, once per answer (a second press changes it); a callback naming an answer of another
    // chat, or one pruned or never made, is told the answer is gone and changes nothing.
    private async Task HandleVoteAsync(CallbackQuery query, string data, CancellationToken cancellationToken)
    {
        var parts = data.Split(':');
        var outcome = Feedback.FeedbackStore.VoteOutcome.UnknownAnswer;
        bool down = false;
        if (parts.Length == 3 && query.Message is { } shown && !TelegramRoutes.ServiceAccounts.Contains(query.From.Id) && !query.From.IsBot)
        {
            if (parts[0] == "v" && parts[2] is "u" or "d")
            {
                down = parts[2] == "d";
                outcome = feedback.Vote(parts[1], shown.Chat.Id, query.From.Id, down ? -1 : 1, null);
            }
            else if (parts[0] == "r" && Feedback.FeedbackStore.Reasons.Contains(parts[2]))
            {
                outcome = feedback.Vote(parts[1], shown.Chat.Id, query.From.Id, -1, parts[2]);
            }
        }

        var known = outcome != Feedback.FeedbackStore.VoteOutcome.UnknownAnswer;
        try
        {
            await bot.AnswerCallbackQuery(query.Id, !known ? Messages.AnswerGone : parts[0] == "r" ? Messages.ReasonThanks : Messages.VoteThanks, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is global::Telegram.Bot.Exceptions.ApiRequestException or global::Telegram.Bot.Exceptions.RequestException)
        {
            logger.CallbackAnswerFailed(ex.Message);
        }

        if (!known || !down || outcome == Feedback.FeedbackStore.VoteOutcome.Unchanged || query.Message is not { } origin) return;
        // A 👎 offers its three reasons, one tap each, under a reply to the answer.
        var target = new TelegramSender.Target(origin.Chat.Id, TelegramRoutes.IsGroup(origin.Chat), origin.IsTopicMessage ? origin.MessageThreadId : null, origin.Id);
        var reasons = new InlineKeyboardMarkup(Feedback.FeedbackStore.Reasons.Select(r => InlineKeyboardButton.WithCallbackData(Messages.ReasonLabel(r), $"r:{parts[1]}:{r}")));
        await sender.SendAsync(target, TelegramHtml.Render([new TelegramHtml.Block(Messages.ReasonPrompt)]), reasons, cancellationToken);
    }
}
