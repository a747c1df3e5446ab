using Microsoft.Bot.Schema;
using PartnerBot.Data.Seed;

namespace PartnerBot.Tests.Support;

/// <summary>The demo staff (the Agents Playground's default users) as Teams would name them.</summary>
internal static class People
{
    public static readonly ChannelAccount Alex = TeamsActivities.User(DemoData.AlexWilberId, "Alex Wilber");
    public static readonly ChannelAccount Megan = TeamsActivities.User(DemoData.MeganBowenId, "Megan Bowen");
    public static readonly ChannelAccount Adele = TeamsActivities.User(DemoData.AdeleVanceId, "Adele Vance");
    public static readonly ChannelAccount Isaiah = TeamsActivities.User(DemoData.IsaiahLangerId, "Isaiah Langer");
    public static readonly ChannelAccount Patti = TeamsActivities.User(DemoData.PattiFernandezId, "Patti Fernandez");
    public static readonly ChannelAccount Lynne = TeamsActivities.User(DemoData.LynneRobbinsId, "Lynne Robbins");

    /// <summary>Someone in the tenant who is not on the partner's staff at all, claiming an admin's name.</summary>
    public static readonly ChannelAccount Stranger = TeamsActivities.User("11111111-2222-3333-4444-555555555555", "Adele Vance");
}
