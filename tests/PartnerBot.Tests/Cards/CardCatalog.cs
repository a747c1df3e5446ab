using PartnerBot.Cards;
using PartnerBot.Domain.Staff;
using PartnerBot.Localization;

namespace PartnerBot.Tests.Cards;

/// <summary>Every card the bot can send, in each language and in each of its shapes, for the renderer check.</summary>
internal static class CardCatalog
{
    public static IEnumerable<(string Name, AdaptiveCard Card)> All()
    {
        foreach (var language in Enum.GetValues<UiLanguage>())
        {
            var tag = language.Locale();
            yield return ($"welcome-sales-{tag}", WelcomeCard.Build(new WelcomeView("Alex Wilber", [PartnerRole.SalesAgent], language)));
            yield return ($"welcome-norole-{tag}", WelcomeCard.Build(new WelcomeView("Patti Fernandez", [], language)));
        }
    }
}
