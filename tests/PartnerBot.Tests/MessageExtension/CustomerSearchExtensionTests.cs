using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PartnerBot.Data.Customers;
using PartnerBot.Data.Seed;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Staff;
using PartnerBot.Tests.Http;

namespace PartnerBot.Tests.MessageExtension;

/// <summary>
/// The compose-box customer search over HTTP, as Teams sends it: composeExtension/query and
/// composeExtension/selectItem invokes to the real host on a real SQLite file with the demo data.
/// </summary>
public sealed class CustomerSearchExtensionTests : IDisposable
{
    private readonly HttpBot _host = new("partnerbot-search-extension-");

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_sales_agent_finds_a_customer_despite_a_typo_as_a_list_with_previews()
    {
        var result = await QueryAsync("contso ltd", "en-US");

        Assert.Equal("result", (string?)result["type"]);
        Assert.Equal("list", (string?)result["attachmentLayout"]);
        var first = (JObject)result["attachments"]![0]!;
        var preview = (JObject)first["preview"]!;
        Assert.Equal("application/vnd.microsoft.card.thumbnail", (string?)preview["contentType"]);
        Assert.Equal("Contoso Ltd", (string?)preview["content"]!["title"]);
        Assert.Contains("contoso.onmicrosoft.com", (string?)preview["content"]!["subtitle"], StringComparison.Ordinal);
        Assert.StartsWith("Purchases: ", (string?)preview["content"]!["text"], StringComparison.Ordinal);
        Assert.Equal("invoke", (string?)preview["content"]!["tap"]!["type"]);
        Assert.False(string.IsNullOrEmpty((string?)preview["content"]!["tap"]!["value"]!["customerId"]));
    }

    [Fact]
    public async Task Polish_without_diacritics_and_a_domain_both_find_the_Polish_customer_and_answer_in_Polish()
    {
        var byName = await QueryAsync("zuraw", "pl-PL");
        var preview = byName["attachments"]![0]!["preview"]!["content"]!;
        Assert.Equal("Przedsiębiorstwo Handlowe Żuraw S.A.", (string?)preview["title"]);
        Assert.Contains("Gdańsk", (string?)preview["subtitle"], StringComparison.Ordinal);
        Assert.Contains("Polska", (string?)preview["subtitle"], StringComparison.Ordinal);
        Assert.StartsWith("Zakupy: ", (string?)preview["text"], StringComparison.Ordinal);

        var byDomain = await QueryAsync("phzuraw.onmicrosoft.com", "pl-PL");
        Assert.Equal("Przedsiębiorstwo Handlowe Żuraw S.A.", (string?)byDomain["attachments"]![0]!["preview"]!["content"]!["title"]);
    }

    [Theory]
    [InlineData(DemoData.PattiFernandezId, "Patti Fernandez", "en-US", "You can't see customers' accounts: you have no Partner Center role.")]
    [InlineData(DemoData.LynneRobbinsId, "Lynne Robbins", "pl-PL", "Nie możesz przeglądać kont klientów: Twoja rola to")]
    [InlineData("00000000-0000-0000-0000-0000000009999", "Someone Else", "en-US", "You can't see customers' accounts: you have no Partner Center role.")]
    public async Task A_person_who_may_not_view_accounts_gets_an_explanation_and_no_data(string user, string name, string locale, string explanation)
    {
        var body = await InvokeAsync("composeExtension/query", Query("contoso"), locale, user, name);
        var result = body["composeExtension"]!;

        Assert.Equal("message", (string?)result["type"]);
        Assert.StartsWith(explanation, (string?)result["text"], StringComparison.Ordinal);
        Assert.Null(result["attachments"]);
        Assert.DoesNotContain("Contoso", body.ToString(), StringComparison.OrdinalIgnoreCase);

        var select = await InvokeAsync("composeExtension/selectItem", new JObject { ["customerId"] = await ContosoIdAsync() }, locale, user, name);
        Assert.Equal("message", (string?)select["composeExtension"]!["type"]);
        Assert.DoesNotContain("Contoso", select.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Picking_a_result_inserts_an_account_summary_read_now_and_it_becomes_that_persons_first_view()
    {
        var before = await InvokeAsync("composeExtension/query", InitialRun(), "en-US");
        Assert.Equal("message", (string?)before["composeExtension"]!["type"]);
        Assert.StartsWith("Type a customer's name or domain", (string?)before["composeExtension"]!["text"], StringComparison.Ordinal);

        var picked = await InvokeAsync("composeExtension/selectItem", new JObject { ["customerId"] = await ContosoIdAsync() }, "en-US");
        var attachment = Assert.Single((JArray)picked["composeExtension"]!["attachments"]!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        var card = attachment["content"]!.ToString();
        Assert.Contains("Contoso Ltd", card, StringComparison.Ordinal);
        Assert.Contains("contoso.onmicrosoft.com", card, StringComparison.Ordinal);
        Assert.Contains("Shared by Alex Wilber", card, StringComparison.Ordinal);
        // A channel sees this card: no contact person, e-mail or phone on it.
        Assert.DoesNotContain("@", card.Replace("contoso.onmicrosoft.com", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        var after = (await InvokeAsync("composeExtension/query", InitialRun(), "en-US"))["composeExtension"]!;
        Assert.Equal("result", (string?)after["type"]);
        Assert.Equal("Contoso Ltd", (string?)after["attachments"]![0]!["preview"]!["content"]!["title"]);
        Assert.Contains("contoso.onmicrosoft.com", (string?)after["attachments"]![0]!["preview"]!["content"]!["subtitle"], StringComparison.Ordinal);

        // Another person's first view is their own.
        var megans = (await InvokeAsync("composeExtension/query", InitialRun(), "en-US", DemoData.MeganBowenId, "Megan Bowen"))["composeExtension"]!;
        Assert.Equal("message", (string?)megans["type"]);
    }

    [Fact]
    public async Task A_forged_or_unknown_pick_and_an_unknown_command_get_a_clear_answer_not_an_error()
    {
        var unknown = await InvokeAsync("composeExtension/selectItem", new JObject { ["customerId"] = "not-a-customer" }, "pl-PL");
        Assert.Equal("Tego klienta nie ma już na liście klientów.", (string?)unknown["composeExtension"]!["text"]);

        var forged = await InvokeAsync("composeExtension/selectItem", new JObject { ["customerId"] = new JObject { ["$ne"] = 1 } }, "en-US");
        Assert.Equal("That customer is no longer in the customer list.", (string?)forged["composeExtension"]!["text"]);

        var command = await InvokeAsync("composeExtension/query", Query("contoso", commandId: "somethingElse"), "en-US");
        Assert.Equal("message", (string?)command["composeExtension"]!["type"]);
        Assert.DoesNotContain("Contoso", command.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_found_says_so_in_the_persons_language()
    {
        var result = (await InvokeAsync("composeExtension/query", Query("qqqqzzzzxxxx"), "pl-PL"))["composeExtension"]!;

        Assert.Equal("message", (string?)result["type"]);
        Assert.StartsWith("Żaden klient nie pasuje do „qqqqzzzzxxxx”", (string?)result["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_page_with_skip_and_count()
    {
        var first = (JArray)(await QueryAsync("sp. z o.o.", "pl-PL", count: 3))["attachments"]!;
        var second = (JArray)(await QueryAsync("sp. z o.o.", "pl-PL", skip: 3, count: 3))["attachments"]!;

        Assert.Equal(3, first.Count);
        Assert.Equal(3, second.Count);
        var titles = first.Concat(second).Select(a => (string?)a["preview"]!["content"]!["title"]).ToList();
        Assert.Equal(titles.Count, titles.Distinct().Count());
    }

    [Fact]
    public async Task A_search_that_does_not_answer_is_given_up_in_time_for_Teams_and_said_so()
    {
        var directory = new HangingSearchDirectory();
        using var app = new BotApplication(Path.Combine(_host.Folder.FullName, "hanging.db"), services: s => s.AddSingleton<ICustomerDirectory>(sp =>
        {
            directory.Inner = sp.GetRequiredService<SqliteCustomerDirectory>();
            return directory;
        }));
        using var client = app.CreateClient();

        var body = await InvokeAsync(client, "composeExtension/query", Query("contoso"), "pl-PL");

        Assert.Equal("Lista klientów teraz nie odpowiada. Spróbuj ponownie za chwilę.", (string?)body["composeExtension"]!["text"]);
        // The extension's own budget ended the wait, not the request: Teams would have dropped a later answer.
        Assert.True(directory.SearchAbandoned);
    }

    /// <summary>A customer list whose search never answers (an index still loading, a backend that hangs).</summary>
    private sealed class HangingSearchDirectory : ICustomerDirectory
    {
        public SqliteCustomerDirectory Inner { get; set; } = null!;

        public bool SearchAbandoned { get; private set; }

        public async Task<IReadOnlyList<CustomerMatch>> SearchAsync(AuthorizedRead read, string query, int top, CancellationToken cancellationToken)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                SearchAbandoned = true;
                throw;
            }

            return [];
        }

        public Task<CustomerAccount?> GetAccountAsync(AuthorizedRead read, string customerId, CancellationToken cancellationToken) =>
            Inner.GetAccountAsync(read, customerId, cancellationToken);
    }

    private async Task<string> ContosoIdAsync() =>
        (string)(await QueryAsync("contoso ltd", "en-US"))["attachments"]![0]!["preview"]!["content"]!["tap"]!["value"]!["customerId"]!;

    private async Task<JObject> QueryAsync(string text, string locale, int skip = 0, int count = 10)
    {
        var body = await InvokeAsync("composeExtension/query", Query(text, skip: skip, count: count), locale);
        return (JObject)body["composeExtension"]!;
    }

    internal static JObject Query(string text, string commandId = "findCustomer", int skip = 0, int count = 10) => new()
    {
        ["commandId"] = commandId,
        ["parameters"] = new JArray(new JObject { ["name"] = "query", ["value"] = text }),
        ["queryOptions"] = new JObject { ["skip"] = skip, ["count"] = count },
    };

    private static JObject InitialRun() => new()
    {
        ["commandId"] = "findCustomer",
        ["parameters"] = new JArray(new JObject { ["name"] = "initialRun", ["value"] = "true" }),
        ["queryOptions"] = new JObject { ["skip"] = 0, ["count"] = 10 },
    };

    private Task<JObject> InvokeAsync(string name, JObject value, string locale, string user = DemoData.AlexWilberId, string userName = "Alex Wilber") =>
        InvokeAsync(_host.Client, name, value, locale, user, userName);

    /// <summary>Posts an invoke activity as Teams does (as Alex Wilber, Sales agent, unless told) and returns the answer's body.</summary>
    internal static async Task<JObject> InvokeAsync(HttpClient client, string name, JObject value, string locale, string user = DemoData.AlexWilberId, string userName = "Alex Wilber")
    {
        var activity = new JObject
        {
            ["type"] = "invoke",
            ["name"] = name,
            ["id"] = Guid.NewGuid().ToString("N"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = "https://smba.trafficmanager.net/emea/",
            ["locale"] = locale,
            ["from"] = new JObject { ["id"] = "29:" + user, ["name"] = userName, ["aadObjectId"] = user },
            ["recipient"] = new JObject { ["id"] = "28:partnerbot", ["name"] = "PartnerBot" },
            ["conversation"] = new JObject { ["id"] = "19:sales-team@thread.tacv2", ["conversationType"] = "channel", ["tenantId"] = DemoData.PlaygroundTenantId },
            ["channelData"] = new JObject { ["tenant"] = new JObject { ["id"] = DemoData.PlaygroundTenantId } },
            ["value"] = value,
        };
        using var content = new StringContent(activity.ToString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JObject.Parse(text);
    }
}
