using LoopedComputer.Isa;

namespace LoopedComputer.Engine;

/// <summary>
/// What the engine must watch to see a run come to rest without reading the whole state back: a
/// state is a fixed point when the next loop leaves the PC where it was (only an instruction that
/// can branch to itself does) and leaves the one cell that instruction writes unchanged. That cell
/// is c, or, for an indirect store, whichever cell mem[c] names, so a store that can branch to
/// itself makes every cell watched; an indirect jump writes nothing.
/// </summary>
public sealed class FixedPointWatch
{
    readonly Dictionary<int, int> slotOf;

    /// <summary>The cells whose values are recorded every loop, in ascending order.</summary>
    public IReadOnlyList<int> Cells { get; }

    public FixedPointWatch(IReadOnlyList<Program> programs, int memoryCells)
    {
        var resting = programs.SelectMany(p => p.Instructions.Where((ins, i) => ins.CanRestAt(i) && ins.F != Function.Jmp)).ToList();
        Cells = resting.Any(ins => ins.F == Function.Store)
            ? Enumerable.Range(0, memoryCells).ToArray()
            : resting.Select(ins => ins.C).Distinct().Order().ToArray();
        slotOf = Cells.Select((cell, slot) => (cell, slot)).ToDictionary(p => p.cell, p => p.slot);
    }

    /// <summary>
    /// True when a loop took the state (<paramref name="pcBefore"/>, <paramref name="before"/>) to
    /// (<paramref name="pcAfter"/>, <paramref name="after"/>) without changing it: the state before was a fixed point.
    /// The values are those of <see cref="Cells"/>.
    /// </summary>
    public bool Rested(Program program, int pcBefore, IReadOnlyList<long> before, int pcAfter, IReadOnlyList<long> after)
    {
        if (pcBefore != pcAfter || pcBefore < 0 || !program.Instructions[pcBefore].CanRestAt(pcBefore)) return false;
        var ins = program.Instructions[pcBefore];
        if (ins.F == Function.Jmp) return true;
        if (ins.F == Function.Store) return before.SequenceEqual(after);
        int slot = slotOf[ins.C];
        return before[slot] == after[slot];
    }
}
