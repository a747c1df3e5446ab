using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Language;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Domain.Tests.Language;

public sealed class RuleBasedIntentRecognizerTests : IDisposable
{
    private readonly CountingDirectory _directory = new(new DemoCustomers());

    public void Dispose() => _directory.Inner.Dispose();

    private Task<Recognition> Recognize(string utterance) =>
        new RuleBasedIntentRecognizer(_directory).RecognizeAsync(utterance, TestKeys.Read, CancellationToken.None);

    [Theory]
    [InlineData("update Contoso", Intent.UpdateAccount)]
    [InlineData("zezwól Fabrikam na zakupy", Intent.AllowPurchases)]
    [InlineData("history Zakłady Mięsne", Intent.History)]
    public async Task Without_a_read_key_the_intent_is_understood_but_no_customer_is_searched_or_named(string utterance, Intent expected)
    {
        var recognition = await new RuleBasedIntentRecognizer(_directory).RecognizeAsync(utterance, null, CancellationToken.None);

        Assert.Equal(expected, recognition.Intent);
        Assert.Empty(recognition.Customers);
        Assert.Equal(0, _directory.Searches);
    }

    [Fact]
    public async Task Without_a_read_key_a_bare_customer_name_is_not_understood() =>
        Assert.Equal(Intent.None, (await new RuleBasedIntentRecognizer(_directory).RecognizeAsync("Contoso", null, CancellationToken.None)).Intent);

    [Theory]
    [InlineData("can you allow Contoso to buy?", Intent.AllowPurchases)]
    [InlineData("can Contoso buy?", Intent.AskPurchaseState)]
    [InlineData("czy możesz wyłączyć zakupy dla Contoso?", Intent.RevokePurchases)]
    [InlineData("czy Contoso może kupować?", Intent.AskPurchaseState)]
    [InlineData("czy Contoso ma włączone zakupy?", Intent.AskPurchaseState)]
    public async Task A_command_in_a_polite_question_is_a_command_and_a_plain_question_asks(string utterance, Intent expected) =>
        Assert.Equal(expected, (await Recognize(utterance)).Intent);

    [Theory]
    [InlineData("stop", Intent.Cancel)]
    [InlineData("stop purchases for Contoso", Intent.RevokePurchases)]
    [InlineData("cancel", Intent.Cancel)]
    [InlineData("cancel purchases for Contoso", Intent.RevokePurchases)]
    [InlineData("anuluj", Intent.Cancel)]
    public async Task Stop_and_cancel_revoke_only_when_the_sentence_is_about_purchases(string utterance, Intent expected) =>
        Assert.Equal(expected, (await Recognize(utterance)).Intent);

    [Theory]
    [InlineData("don't let Contoso buy reservations")]
    [InlineData("do not allow Contoso to purchase")]
    [InlineData("nie pozwalaj Contoso kupować")]
    [InlineData("niech Contoso nie kupuje rezerwacji")]
    public async Task A_negated_allow_revokes(string utterance) =>
        Assert.Equal(Intent.RevokePurchases, (await Recognize(utterance)).Intent);

    [Theory]
    [InlineData("turn on purchases for Contoso", Intent.AllowPurchases)]
    [InlineData("turn purchases for Contoso off", Intent.RevokePurchases)]
    [InlineData("what changed on Contoso?", Intent.History)]
    public async Task On_and_off_switch_only_after_turn_or_switch(string utterance, Intent expected) =>
        Assert.Equal(expected, (await Recognize(utterance)).Intent);

    [Theory]
    [InlineData("wyłącz zakupy dla Contoso", Intent.RevokePurchases)]
    [InlineData("wylacz zakupy dla Contoso", Intent.RevokePurchases)]
    [InlineData("włącz zakupy dla Contoso", Intent.AllowPurchases)]
    [InlineData("wlacz zakupy dla Contoso", Intent.AllowPurchases)]
    [InlineData("wyłączyć zakupy dla Contoso", Intent.RevokePurchases)]
    [InlineData("włączcie zakupy dla Contoso", Intent.AllowPurchases)]
    public async Task Wylacz_is_never_wlacz_with_a_typo(string utterance, Intent expected) =>
        Assert.Equal(expected, (await Recognize(utterance)).Intent);

    [Theory]
    [InlineData("włącz zakupy dla Zakładów Mięsnych", "Zakładów Mięsnych", "c-zaklady")]
    [InlineData("zezwól Fabrikamowi na zakupy", "Fabrikamowi", "c-fabrikam")]
    [InlineData("co zmieniono u Kowalskiego?", "Kowalskiego", "c-kowalski")]
    public async Task A_Polish_case_ending_still_finds_the_customer_and_the_mention_stays_as_typed(
        string utterance, string mention, string customerId)
    {
        var recognition = await Recognize(utterance);

        Assert.Equal(mention, recognition.CustomerMention);
        Assert.Equal(customerId, recognition.Customers[0].CustomerId);
    }

    [Theory]
    [InlineData("allow Zakłady Mięsne Kraśnik Sp. z o.o. to buy", "Zakłady Mięsne Kraśnik Sp. z o.o")]
    [InlineData("history of Best For You Organics", "Best For You Organics")]
    [InlineData("update Contoso's billing e-mail", "Contoso")]
    public async Task The_mention_is_the_name_as_typed_with_its_legal_form_and_inner_words(string utterance, string mention) =>
        Assert.Equal(mention, (await Recognize(utterance)).CustomerMention);

    [Fact]
    public async Task An_e_mail_address_is_a_new_value_not_a_customer()
    {
        var recognition = await Recognize("change Fabrikam's e-mail to jan@contoso.com");

        Assert.Equal(Intent.UpdateAccount, recognition.Intent);
        Assert.Equal("c-fabrikam", recognition.Customers[0].CustomerId);
    }

    [Fact]
    public async Task A_domain_is_a_mention_of_its_own()
    {
        var recognition = await Recognize("can fabrikampl.onmicrosoft.com buy reservations?");

        Assert.Equal(Intent.AskPurchaseState, recognition.Intent);
        Assert.Equal("fabrikampl.onmicrosoft.com", recognition.CustomerMention);
        Assert.Equal("c-fabrikam-pl", recognition.Customers[0].CustomerId);
    }

    [Fact]
    public async Task Close_names_are_all_offered_best_first()
    {
        var recognition = await Recognize("allow Contoso to buy");

        Assert.Equal(["c-contoso", "c-contoso-pl"], recognition.Customers.Select(c => c.CustomerId));
    }

    [Fact]
    public async Task A_command_without_a_customer_has_no_mention()
    {
        var recognition = await Recognize("allow purchases");

        Assert.Equal(Intent.AllowPurchases, recognition.Intent);
        Assert.Null(recognition.CustomerMention);
        Assert.Empty(recognition.Customers);
    }

    [Fact]
    public async Task A_customer_that_does_not_exist_keeps_the_mention_so_the_bot_can_say_none_matched()
    {
        var recognition = await Recognize("allow Globex Corporation to buy");

        Assert.Equal(Intent.AllowPurchases, recognition.Intent);
        Assert.Equal("Globex Corporation", recognition.CustomerMention);
        Assert.Empty(recognition.Customers);
    }

    [Fact]
    public async Task A_name_alone_is_no_intent_but_still_the_customer()
    {
        var recognition = await Recognize("Tailspin");

        Assert.Equal(Intent.None, recognition.Intent);
        Assert.Equal("c-tailspin", recognition.Customers[0].CustomerId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!!")]
    [InlineData("what's the weather like?")]
    public async Task Words_that_ask_for_nothing_and_name_no_one_are_none_without_a_mention(string utterance)
    {
        var recognition = await Recognize(utterance);

        Assert.Equal(Intent.None, recognition.Intent);
        Assert.Null(recognition.CustomerMention);
        Assert.Empty(recognition.Customers);
    }

    [Theory]
    [InlineData("help", Intent.Help)]
    [InlineData("?", Intent.Help)]
    [InlineData("hepl", Intent.Help)]
    [InlineData("pomocy", Intent.Help)]
    [InlineData("od nowa", Intent.StartOver)]
    [InlineData("hello", Intent.Greeting)]
    [InlineData("dzień dobry", Intent.Greeting)]
    public async Task Help_start_over_and_greetings_never_search(string utterance, Intent expected)
    {
        Assert.Equal(expected, (await Recognize(utterance)).Intent);
        Assert.Equal(0, _directory.Searches);
    }

    [Fact]
    public async Task A_pasted_page_is_cut_short_and_searched_a_bounded_number_of_times()
    {
        var page = string.Join(' ', Enumerable.Repeat("allow Contoso to buy lorem ipsum", 200));

        var recognition = await Recognize(page);

        Assert.Equal(Intent.AllowPurchases, recognition.Intent);
        Assert.InRange(_directory.Searches, 1, 10);
    }

    [Fact]
    public void No_word_is_listed_under_two_cues()
    {
        var clashes = IntentLexicon.AllForms()
            .Select(f => (Form: f.Form.TrimStart('='), f.Cue))
            .Distinct()
            .GroupBy(f => f.Form)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key);

        Assert.Empty(clashes);
    }

    /// <summary>Counts the searches the recognizer makes, each of which can be a call to Partner Center.</summary>
    private sealed class CountingDirectory(DemoCustomers inner) : ICustomerDirectory
    {
        public DemoCustomers Inner { get; } = inner;

        public int Searches { get; private set; }

        public Task<IReadOnlyList<CustomerMatch>> SearchAsync(AuthorizedRead read, string query, int top, CancellationToken cancellationToken)
        {
            Searches++;
            return Inner.SearchAsync(read, query, top, cancellationToken);
        }

        public Task<CustomerAccount?> GetAccountAsync(AuthorizedRead read, string customerId, CancellationToken cancellationToken) =>
            Inner.GetAccountAsync(read, customerId, cancellationToken);
    }
}
