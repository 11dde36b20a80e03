namespace Kingsnake.Python.Parsing;

/// <summary>
/// The elements of the lists a recursive-descent parse is building, innermost list on top: a list pushes its elements
/// after a <see cref="Mark"/> and pops them into an exact-size array. Lists nest strictly (an element's own lists are
/// popped before it is pushed), so one stack serves them all; the tree gets arrays with no slack and no List wrapper,
/// and an empty list is the shared empty array.
/// </summary>
internal sealed class NodeStack<T>
{
    private T[] _items = new T[64];
    private int _count;

    /// <summary>Where the list being started begins; hand it to <see cref="Pop"/>.</summary>
    public int Mark => _count;

    /// <summary>How many elements the list started at <paramref name="mark"/> has so far.</summary>
    public int CountSince(int mark) => _count - mark;

    public T this[int index] => _items[index];

    public void Push(T item)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[_count++] = item;
    }

    /// <summary>The elements pushed since <paramref name="mark"/>, as an array; they leave the stack.</summary>
    public T[] Pop(int mark)
    {
        var count = _count - mark;
        if (count == 0)
        {
            return [];
        }

        var result = new T[count];
        Array.Copy(_items, mark, result, 0, count);
        _count = mark;
        return result;
    }

    /// <summary>Drops what a failed attempt pushed after <paramref name="mark"/> (backtracking).</summary>
    public void Reset(int mark) => _count = mark;
}
