using Microsoft.Bot.Builder;

namespace PartnerBot.Conversations;

internal static class TurnClock
{
    /// <summary>The user's time zone as Teams reports it (activity.localTimezone, an IANA id); UTC when absent or unknown.</summary>
    public static TimeZoneInfo ZoneOf(ITurnContext turnContext)
    {
        var id = turnContext.Activity.LocalTimezone;
        if (!string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        return TimeZoneInfo.Utc;
    }
}
