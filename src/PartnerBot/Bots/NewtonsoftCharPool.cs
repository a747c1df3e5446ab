using System.Buffers;

namespace PartnerBot.Bots;

/// <summary>
/// Newtonsoft's reader and writer buffers rented from the shared pool, instead of made for every request's activity
/// and every reply (issue 13).
/// </summary>
internal sealed class NewtonsoftCharPool : Newtonsoft.Json.IArrayPool<char>
{
    public static readonly NewtonsoftCharPool Instance = new();

    public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

    public void Return(char[]? array)
    {
        if (array is not null)
        {
            ArrayPool<char>.Shared.Return(array);
        }
    }
}
