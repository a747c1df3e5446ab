namespace PartnerBot.Domain.Search;

/// <summary>Edit distance between two folded words, stopping early once it exceeds what is of interest.</summary>
internal static class EditDistance
{
    // Words longer than this are compared on their first letters only; no company word is that long,
    // and it keeps the rows on the stack.
    private const int MaxLength = 64;

    /// <summary>
    /// Optimal string alignment distance (Damerau–Levenshtein where no substring is edited twice):
    /// insertions, deletions, substitutions and swaps of two neighbouring letters each cost 1, because
    /// a swapped pair ("kowlaski") is one slip of the fingers, not two. Returns <c>max + 1</c> as soon
    /// as the distance is known to exceed <paramref name="max"/>.
    /// </summary>
    public static int Osa(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (a.Length > MaxLength)
        {
            a = a[..MaxLength];
        }

        if (b.Length > MaxLength)
        {
            b = b[..MaxLength];
        }

        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return Math.Max(a.Length, b.Length);
        }

        Span<int> twoBack = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, twoBack[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            // Rotate the three rows without copying.
            var spare = twoBack;
            twoBack = previous;
            previous = current;
            current = spare;
        }

        return Math.Min(previous[b.Length], max + 1);
    }
}
