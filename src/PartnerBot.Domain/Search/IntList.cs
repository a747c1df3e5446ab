namespace PartnerBot.Domain.Search;

/// <summary>
/// A growable list of ints without the bounds and version checks of <see cref="List{T}"/>'s enumerator;
/// posting lists are read in the hot loop of every search. Order is not kept on removal.
/// </summary>
internal sealed class IntList
{
    private int[] _items;

    public IntList()
    {
        _items = new int[2];
    }

    /// <summary>A list holding <paramref name="items"/> (taken, not copied), as read back from a snapshot.</summary>
    public IntList(int[] items)
    {
        _items = items.Length == 0 ? new int[2] : items;
        Count = items.Length;
    }

    public int Count { get; private set; }

    public int this[int index] => _items[index];

    public ReadOnlySpan<int> AsSpan() => _items.AsSpan(0, Count);

    public void Add(int value)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = value;
    }

    /// <summary>Removes one occurrence by moving the last item into its place.</summary>
    public void RemoveValue(int value)
    {
        var index = Array.IndexOf(_items, value, 0, Count);
        if (index < 0)
        {
            return;
        }

        _items[index] = _items[--Count];
    }
}
