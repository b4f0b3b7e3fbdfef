namespace LoopedComputer.Machines;

/// <summary>What the decoder reads back from X: the PC as an instruction index (−1 if it names no instruction) and the memory.</summary>
public sealed record MachineState(int Pc, long[] Memory);
