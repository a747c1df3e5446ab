namespace PartnerBot.Hosting;

public static class PartnerBotApplication
{
    /// <summary>
    /// The whole composition, shared by Program and the tests so that a test runs the registrations the host
    /// runs: the Bot Framework pieces, the store (Storage:Provider), the role directory (Roles:Provider), the
    /// customer directory (Directory:Provider) and the conversations.
    /// </summary>
    public static IHostApplicationBuilder AddPartnerBotApplication(this IHostApplicationBuilder builder) =>
        builder.AddPartnerBot().AddStore().AddRoleDirectory().AddDirectoryProvider().AddConversations();
}
