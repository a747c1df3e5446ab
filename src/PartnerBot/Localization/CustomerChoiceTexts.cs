namespace PartnerBot.Localization;

/// <summary>Choosing a customer: the question, the one-match and several-matches cards, the retries.</summary>
public static class CustomerChoiceTexts
{
    public static readonly Text Which = new(
        "Which customer? Type a company name or domain.",
        "Który klient? Wpisz nazwę firmy lub domenę.");

    public static readonly Text NoMatch = new(
        "No customer matches \"{0}\". Try another name or domain (or *cancel*).",
        "Żaden klient nie pasuje do „{0}”. Spróbuj innej nazwy lub domeny (albo *anuluj*).");

    public static readonly Text PickFromCard = new(
        "Please pick one of the customers on the card, type its number, or select *Search again*.",
        "Wybierz jednego z klientów z karty, wpisz jego numer albo wybierz *Szukaj ponownie*.");

    public static readonly Text YesOrNo = new("Please answer yes or no.", "Odpowiedz tak lub nie.");

    public static readonly Text OneMatch = new("Did you mean **{0}** ({1})?", "Czy chodzi o **{0}** ({1})?");

    public static readonly Text SeveralMatches = new(
        "Several customers match \"{0}\". Which one?",
        "Do „{0}” pasuje kilku klientów. Którego wybierasz?");

    public static readonly Text ChooseHint = new(
        "Select one, or type its number.",
        "Wybierz jednego albo wpisz jego numer.");

    public static readonly Text YesButton = new("Yes", "Tak");

    public static readonly Text NoButton = new("No, search again", "Nie, szukaj ponownie");

    public static readonly Text SearchAgainButton = new("Search again", "Szukaj ponownie");
}
