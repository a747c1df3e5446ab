using System.Text.Json;
using PartnerBot.Cards;

namespace PartnerBot.Tests.Cards;

/// <summary>
/// Cards are written by hand (<see cref="CardJson"/>, issue 13), and every card must go out exactly as the serializer
/// wrote it before: the same bytes, so every text a user reads in Polish and English and every button stays as it was.
/// </summary>
public sealed class CardJsonTests
{
    public static TheoryData<string> CardNames() => new(CardCatalog.All().Select(c => c.Name));

    private static string BySerializer(AdaptiveCard card) => JsonSerializer.Serialize(card, AdaptiveCard.JsonOptions);

    [Theory]
    [MemberData(nameof(CardNames))]
    public void Every_card_the_bot_sends_is_written_as_the_serializer_wrote_it(string name)
    {
        var card = CardCatalog.All().Single(c => c.Name == name).Card;

        Assert.Equal(BySerializer(card), card.ToJson());
    }

    [Fact]
    public void Every_property_of_every_element_and_what_the_writer_does_not_know_are_written_as_the_serializer_wrote_them()
    {
        var action = new ExecuteAction
        {
            Title = "Zatwierdź „zmiany” <b> & \"cytat\" \\ ł",
            Verb = "confirm",
            Style = ActionStyle.Destructive,
            AssociatedInputs = "none",
            Data = new Dictionary<string, object> { ["change"] = "c-1", ["suggestion"] = 2, ["yes"] = true, ["Ąę"] = "ż" },
        };
        var card = new AdaptiveCard
        {
            Body =
            [
                new TextBlock
                {
                    Text = "Zakłady Mięsne „Kraśnik” \n\t é 😀 </script>", Id = "t", Separator = true, Spacing = Spacing.Large,
                    IsVisible = false, Size = TextSize.ExtraLarge, Weight = TextWeight.Lighter, Color = TextColor.Attention, IsSubtle = false, Wrap = null,
                },
                new TextBlock { Text = "a", Size = (TextSize)42 },
                new FactSet { Facts = [new Fact("Adres", "ul. Lubelska 12"), new Fact("E-mail", null!)], Spacing = Spacing.None },
                new FactSet { Facts = null! },
                new Container
                {
                    Items = [new TextBlock { Text = "in" }, null!], Style = ContainerStyle.Accent, SelectAction = action, Id = "c",
                },
                new Container { Items = null!, SelectAction = new ExecuteAction { Title = "x", Verb = "v", Data = new Dictionary<string, object> { ["n"] = 1.5 } } },
                new ColumnSet { Columns = [new Column { Width = "auto", Items = [new TextBlock { Text = "c" }] }, new Column { Items = null! }], IsVisible = true },
                new ActionSet { Actions = [action, new ExecuteAction { Title = "t", Verb = "v" }] },
                new TextInput
                {
                    Id = "billing.Email", Label = "E-mail", Value = "faktury@zakladymiesne.pl", Placeholder = "…", MaxLength = 200, IsRequired = true,
                    ErrorMessage = "Błąd", Style = TextInputStyle.Email,
                },
                new TextInput { Id = "empty" },
                new ChoiceSetInput
                {
                    Id = "billing.Culture", Label = "Kultura", Value = "pl-PL", Choices = [new CardChoice("polski (Polska)", "pl-PL")],
                    Style = ChoiceInputStyle.Expanded, IsRequired = false, ErrorMessage = "Wybierz",
                },
                new ChoiceSetInput { Choices = null! },
            ],
            Actions = [action],
        };

        Assert.Equal(BySerializer(card), card.ToJson());
        Assert.Equal(BySerializer(new AdaptiveCard()), new AdaptiveCard().ToJson());
        Assert.Equal(BySerializer(new AdaptiveCard { Body = null!, Actions = [] }), new AdaptiveCard { Body = null!, Actions = [] }.ToJson());
    }
}
