namespace LoopedComputer.Machines.Blocks;

/// <summary>
/// A read or a write through one addressed head: the head (<see cref="AddressedAttention"/>) averages
/// both ends of the copy into a buffer slice, the gated overwrite (<see cref="GatedOverwrite"/>)
/// doubles the difference into the target and clears the buffer, all in one layer.
/// </summary>
public static class AddressedCopy
{
    /// <summary><paramref name="target"/> (column 0) ← <paramref name="source"/> of the column whose code the pointer names.</summary>
    public static Block Read(string name, RowSpace space, AddressPointer pointer, RowField code, RowField source, RowField target, RowField buffer) =>
        Copy(name, space, pointer, code, source, target, buffer, space.Indicator, openWhereGateIs: 1);

    /// <summary>
    /// <paramref name="target"/> of the column whose code the pointer names ← <paramref name="value"/> (column 0's), in
    /// the columns where the gate row is <paramref name="openWhereGateIs"/>; every other such column attends to itself and keeps its value.
    /// </summary>
    public static Block Write(string name, RowSpace space, AddressPointer pointer, RowField code, RowField value, RowField target, RowField buffer,
        RowField gate, int openWhereGateIs) =>
        Copy(name, space, pointer, code, value, target, buffer, gate, openWhereGateIs);

    static Block Copy(string name, RowSpace space, AddressPointer pointer, RowField code, RowField other, RowField target, RowField buffer,
        RowField gate, int openWhereGateIs) => new(name)
    {
        Reads = [pointer.Field, code, other, target, .. gate == space.Indicator ? [] : new[] { gate }],
        Writes = [target],
        Clears = [buffer],
        Heads = [AddressedAttention.Head(name, space.Rows, space.Indicator[0], pointer, code, (other, buffer), (target, buffer))],
        Units = ff => GatedOverwrite.Add(ff, buffer, target, gate[0], openWhereGateIs),
    };
}
