using PartnerBot.Domain.Customers;
using PartnerBot.Localization;

namespace PartnerBot.Cards;

/// <summary>
/// A postal address on one line in the order its country writes it: "Seattle, WA 98121" in the United States,
/// "00-950 Warszawa" in Poland, "London SW1A 1AA" in the United Kingdom. A country not in the table gets the
/// postal code before the city and the state after it, the most common order in Europe.
/// </summary>
public static class AddressFormat
{
    private enum PlaceOrder
    {
        /// <summary>"00-950 Warszawa", then the state if any.</summary>
        PostalCodeCity,

        /// <summary>"Seattle, WA 98121".</summary>
        CityStatePostalCode,

        /// <summary>"London SW1A 1AA", then the state if any.</summary>
        CityPostalCode,

        /// <summary>"São Paulo - SP, 01310-100".</summary>
        CityDashStatePostalCode,
    }

    private static readonly Dictionary<string, PlaceOrder> Orders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["US"] = PlaceOrder.CityStatePostalCode,
        ["CA"] = PlaceOrder.CityStatePostalCode,
        ["AU"] = PlaceOrder.CityStatePostalCode,
        ["GB"] = PlaceOrder.CityPostalCode,
        ["IE"] = PlaceOrder.CityPostalCode,
        ["IN"] = PlaceOrder.CityPostalCode,
        ["BR"] = PlaceOrder.CityDashStatePostalCode,
        ["PL"] = PlaceOrder.PostalCodeCity,
        ["DE"] = PlaceOrder.PostalCodeCity,
        ["FR"] = PlaceOrder.PostalCodeCity,
        ["ES"] = PlaceOrder.PostalCodeCity,
        ["IT"] = PlaceOrder.PostalCodeCity,
        ["NL"] = PlaceOrder.PostalCodeCity,
        ["AT"] = PlaceOrder.PostalCodeCity,
        ["CH"] = PlaceOrder.PostalCodeCity,
        ["CZ"] = PlaceOrder.PostalCodeCity,
        ["TR"] = PlaceOrder.PostalCodeCity,
        ["UA"] = PlaceOrder.PostalCodeCity,
    };

    /// <summary>The city line alone: city, state and postal code in the country's order.</summary>
    public static string Place(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var order = Orders.GetValueOrDefault(address.Country ?? string.Empty, PlaceOrder.PostalCodeCity);
        return order switch
        {
            PlaceOrder.CityStatePostalCode => Join(" ", Join(", ", address.City, address.State), address.PostalCode),
            PlaceOrder.CityPostalCode => Join(", ", Join(" ", address.City, address.PostalCode), address.State),
            PlaceOrder.CityDashStatePostalCode => Join(", ", Join(" - ", address.City, address.State), address.PostalCode),
            _ => Join(", ", Join(" ", address.PostalCode, address.City), address.State),
        };
    }

    /// <summary>The street lines and the city line, as a suggestion button shows an address in its own country.</summary>
    public static string Lines(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Join(", ", address.AddressLine1, address.AddressLine2, address.AddressLine3, Place(address));
    }

    /// <summary>The whole address with the country's name in <paramref name="language"/>, as the account card shows it.</summary>
    public static string OneLine(Address address, UiLanguage language)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Join(", ", Lines(address), string.IsNullOrWhiteSpace(address.Country) ? null : Countries.Name(address.Country, language));
    }

    private static string Join(string separator, params string?[] parts) =>
        string.Join(separator, parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
}
