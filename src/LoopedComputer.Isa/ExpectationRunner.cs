namespace LoopedComputer.Isa;

/// <summary>The result of running one declared expectation.</summary>
public sealed record ExpectationOutcome(Expectation Expectation, RunResult Result, IReadOnlyList<(NamedValues Expected, NamedValues Actual)> Mismatches)
{
    public bool Passed => Result.Status == RunStatus.Halted && Mismatches.Count == 0;

    public string Describe()
    {
        string inputs = Expectation.Inputs.Count == 0 ? "(defaults)" : string.Join(", ", Expectation.Inputs);
        if (Result.Status != RunStatus.Halted) return $"FAIL {inputs}: did not halt within {Result.Steps:N0} steps";
        if (Passed) return $"ok   {inputs} => {string.Join(", ", Expectation.Outputs)}  ({Result.Steps:N0} steps)";
        return $"FAIL {inputs}: " + string.Join("; ", Mismatches.Select(m => $"expected {m.Expected}, got {m.Actual}"));
    }
}

/// <summary>Runs a program's <c>.expect</c> cases on the reference interpreter.</summary>
public static class ExpectationRunner
{
    public static ExpectationOutcome Run(Program program, Expectation expectation, long maxSteps)
    {
        // A case's array input may be shorter than its array: it sets the first cells (docs/assembler.md).
        var memory = program.MemoryWith(expectation.Inputs.Select(i => new CellAssignment(i.Name, program.FindCell(i.Name) is { Length: > 1 } ? 0 : null, i.Values)));
        var result = Interpreter.Run(program, memory, maxSteps);
        var mismatches = expectation.Outputs
            .Select(expected => (Expected: expected, Actual: program.Read(result.Memory, expected.Name)))
            .Where(pair => !pair.Expected.Values.SequenceEqual(pair.Actual.Values))
            .ToList();
        return new ExpectationOutcome(expectation, result, mismatches);
    }
}
