namespace PartnerBot.Data.BotState;

/// <summary>Settings of the bot state store (section <c>BotState</c>).</summary>
public sealed class BotStateOptions
{
    /// <summary>
    /// A conversation untouched this long loses its state (an abandoned billing profile draft must not stay
    /// forever): it reads as absent, and the sweep deletes it.
    /// </summary>
    public TimeSpan ExpireAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the sweep deletes expired state.</summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>A bot state store that can delete what has expired (<see cref="BotStateOptions.ExpireAfter"/>).</summary>
public interface IExpiringBotState
{
    /// <summary>Deletes state untouched for longer than the expiry; returns how many keys went.</summary>
    Task<int> DeleteExpiredAsync(CancellationToken cancellationToken);
}
