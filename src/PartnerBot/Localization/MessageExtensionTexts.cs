namespace PartnerBot.Localization;

/// <summary>What the compose-box customer search says: its results, its refusals and the card it inserts.</summary>
public static class MessageExtensionTexts
{
    public static readonly Text NotStaff = new(
        "I couldn't tell who you are, so I can't show customers.",
        "Nie mogę ustalić, kim jesteś, więc nie pokażę klientów.");

    public static readonly Text NothingFound = new(
        "No customer matches \"{0}\". Try the company's name or its domain.",
        "Żaden klient nie pasuje do „{0}”. Wpisz nazwę firmy albo jej domenę.");

    public static readonly Text NoRecentCustomers = new(
        "Type a customer's name or domain to find it. Customers you use will be listed here.",
        "Wpisz nazwę lub domenę klienta, aby go znaleźć. Tu pojawią się klienci, z których korzystasz.");

    public static readonly Text UnknownCommand = new(
        "This search isn't one PartnerBot knows. Update the app and try again.",
        "PartnerBot nie zna tego wyszukiwania. Zaktualizuj aplikację i spróbuj ponownie.");

    public static readonly Text CustomerGone = new(
        "That customer is no longer in the customer list.",
        "Tego klienta nie ma już na liście klientów.");

    public static readonly Text CustomerListLoading = new(
        "The customer list is still loading after a restart. Please try again in a moment.",
        "Lista klientów wciąż się wczytuje po ponownym uruchomieniu. Spróbuj ponownie za chwilę.");

    public static readonly Text DirectoryUnavailable = new(
        "The customer list isn't answering right now. Please try again in a moment.",
        "Lista klientów teraz nie odpowiada. Spróbuj ponownie za chwilę.");

    public static readonly Text PurchasesAllowed = new("Purchases: allowed", "Zakupy: dozwolone");

    public static readonly Text PurchasesNotAllowed = new("Purchases: not allowed", "Zakupy: niedozwolone");

    public static readonly Text NoAzurePlan = new("Purchases: not allowed (no Azure plan)", "Zakupy: niedozwolone (brak planu Azure)");

    public static readonly Text DetailsUnavailable = new("Details will show when you pick it", "Szczegóły pojawią się po wybraniu");

    public static readonly Text Purchases = new("Customer may purchase", "Klient może kupować");

    public static readonly Text Allowed = new("Yes", "Tak");

    public static readonly Text NotAllowed = new("No", "Nie");

    public static readonly Text NotAllowedNoAzurePlan = new("No (no Azure plan)", "Nie (brak planu Azure)");

    public static readonly Text SharedBy = new("Shared by {0}", "Udostępnione przez: {0}");

    public static readonly Text OpenAccountButton = new("Open account", "Otwórz konto");

    public static readonly Text AsOf = new("As of {0:g} UTC", "Stan na {0:g} UTC");
}
