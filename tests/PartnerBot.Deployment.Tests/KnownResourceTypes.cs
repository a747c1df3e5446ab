namespace PartnerBot.Deployment.Tests;

/// <summary>
/// The resource types and API versions the templates may use: versions seen to deploy, in Azure's type catalogue
/// (Azure.Bicep.Types.Az, checked by a test). A new resource or version is added here on purpose, not by accident.
/// </summary>
internal static class KnownResourceTypes
{
    public static readonly IReadOnlySet<string> Pairs = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31",
        "Microsoft.OperationalInsights/workspaces@2023-09-01",
        "Microsoft.Insights/components@2020-02-02",
        // Diagnostic settings have no GA API version; 2021-05-01-preview is the one the Azure docs and samples use.
        "Microsoft.Insights/diagnosticSettings@2021-05-01-preview",
        "Microsoft.KeyVault/vaults@2024-11-01",
        "Microsoft.KeyVault/vaults/secrets@2024-11-01",
        "Microsoft.Authorization/roleAssignments@2022-04-01",
        "Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01",
        "Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01",
        "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01",
        "Microsoft.Web/serverfarms@2024-04-01",
        "Microsoft.Web/sites@2024-04-01",
        "Microsoft.Web/sites/config@2024-04-01",
        "Microsoft.BotService/botServices@2022-09-15",
        "Microsoft.BotService/botServices/channels@2022-09-15",
    };
}
