namespace PartnerBot.Domain.Search;

/// <summary>
/// A growable list of ints without the bounds and version checks of <see cref="List{T}"/>'s enumerator;
/// posting lists are read in the hot loop of every search. Order is not kept on removal.
/// </summary>
internal sealed class IntList
{
    private int[] _items = new int[2];

    public int Count { get; private set; }

    public int this[int index] => _items[index];

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
