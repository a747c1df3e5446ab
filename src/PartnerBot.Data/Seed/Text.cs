using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PartnerBot.Data.Seed;

/// <summary>Small text helpers for generated data: ASCII forms for e-mail and domain names, stable ids.</summary>
internal static class Text
{
    /// <summary>"Łódź Große Straße" → "Lodz Grosse Strasse": e-mail addresses and domains stay ASCII, as real ones mostly are.</summary>
    public static string Fold(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAscii(c))
            {
                builder.Append(c);
            }
            else
            {
                // Unicode normalization is slow enough to dominate the 100k generator; each letter is folded once.
                builder.Append(FoldedLetters.GetOrAdd(c, FoldLetter));
            }
        }

        return builder.ToString();
    }

    private static readonly ConcurrentDictionary<char, string> FoldedLetters = new();

    private static string FoldLetter(char c)
    {
        switch (c)
        {
            case 'ł': return "l";
            case 'Ł': return "L";
            case 'ß': return "ss";
            case 'ø': return "o";
            case 'Ø': return "O";
        }

        var builder = new StringBuilder(2);
        foreach (var part in c.ToString().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(part);
            }
        }

        return builder.ToString();
    }

    /// <summary>Lower-case ASCII letters and digits only: "Müller &amp; Söhne" → "mullersohne".</summary>
    public static string Slug(string value)
    {
        var folded = Fold(value);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>A GUID derived from a name: the same demo customer gets the same tenant id on every machine.</summary>
    public static Guid StableGuid(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("partnerbot/" + name));
        var bytes = hash.AsSpan(0, 16).ToArray();
        // RFC 9562 layout of a name-based GUID: version 5 nibble, variant bits 10.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>A Polish tax id (NIP): nine digits and a mod-11 check digit; null when the check would be 10.</summary>
    public static string? Nip(ReadOnlySpan<int> nineDigits)
    {
        ReadOnlySpan<int> weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += nineDigits[i] * weights[i];
        }

        var check = sum % 11;
        if (check == 10)
        {
            return null;
        }

        var builder = new StringBuilder(10);
        foreach (var digit in nineDigits)
        {
            builder.Append((char)('0' + digit));
        }

        return builder.Append((char)('0' + check)).ToString();
    }

    /// <summary>A valid NIP from a nine-digit number, moving to the next number when the check digit would be 10.</summary>
    public static string NipFrom(long nineDigitNumber)
    {
        for (var n = nineDigitNumber; ; n++)
        {
            var digits = new int[9];
            var rest = n;
            for (var i = 8; i >= 0; i--)
            {
                digits[i] = (int)(rest % 10);
                rest /= 10;
            }

            if (Nip(digits) is { } nip)
            {
                return nip;
            }
        }
    }
}
