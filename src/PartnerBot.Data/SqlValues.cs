using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace PartnerBot.Data;

/// <summary>How values are stored: times as fixed-width UTC text (sortable as text), JSON kept readable.</summary>
internal static class SqlValues
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // The database is read by people too: keep "Łódź" as it is, not as \u0141\u00f3d\u017a.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string value) =>
        new(DateTime.ParseExact(value, TimeFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);

    public static object OrNull(string? value) => value is null ? DBNull.Value : value;

    public static string? NullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static SqliteParameter Add(this SqliteCommand command, string name, object? value) =>
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
}
