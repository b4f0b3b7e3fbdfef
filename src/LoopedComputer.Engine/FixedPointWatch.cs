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
    readonly int[] allSlots;

    /// <summary>The cells whose values are recorded every loop, in ascending order.</summary>
    public IReadOnlyList<int> Cells { get; }

    public FixedPointWatch(IReadOnlyList<Program> programs, int memoryCells)
    {
        var resting = programs.SelectMany(p => p.Instructions.Where((ins, i) => ins.CanRestAt(i) && ins.F != Function.Jmp)).ToList();
        Cells = resting.Any(ins => ins.F == Function.Store)
            ? Enumerable.Range(0, memoryCells).ToArray()
            : resting.Select(ins => ins.C).Distinct().Order().ToArray();
        slotOf = Cells.Select((cell, slot) => (cell, slot)).ToDictionary(p => p.cell, p => p.slot);
        allSlots = Enumerable.Range(0, Cells.Count).ToArray();
    }

    /// <summary>
    /// The slots of <see cref="Cells"/> whose values decide whether a loop that took the PC from
    /// <paramref name="pcBefore"/> to <paramref name="pcAfter"/> left the state unchanged: null when
    /// the PC moved or the instruction cannot branch to itself (not a fixed point), none for an
    /// indirect jump (it writes nothing), every slot for an indirect store, else c's.
    /// </summary>
    public IReadOnlyList<int>? SlotsDeciding(Program program, int pcBefore, int pcAfter)
    {
        if (pcBefore != pcAfter || pcBefore < 0 || !program.Instructions[pcBefore].CanRestAt(pcBefore)) return null;
        var ins = program.Instructions[pcBefore];
        return ins.F switch
        {
            Function.Jmp => [],
            Function.Store => allSlots,
            _ => [slotOf[ins.C]],
        };
    }
}
