using System.CommandLine;
using LoopedComputer.Assembly;
using LoopedComputer.Machines;

namespace LoopedComputer.Cli;

static class AsmCommand
{
    public static Command Create()
    {
        var file = Options.ProgramFile();
        var listing = new Option<bool>("--listing", "-l") { Description = "print the listing: instructions with source lines, and the memory map" };
        var bits = Options.Bits();
        var isa = Options.Isa();
        var command = new Command("asm", "Assemble a program: report errors, or print a summary (or the full listing)") { file, listing, bits, isa };
        command.SetAction(parse => Cli.Run(() =>
        {
            var program = Loader.Load(parse.GetValue(file)!, parse.GetValue(bits), parse.GetValue(isa));
            if (parse.GetValue(listing))
            {
                Console.Write(Listing.Format(program));
                Console.WriteLine();
                Console.WriteLine("machines");
                foreach (string name in MachineCatalog.Names)
                {
                    try
                    {
                        var machine = MachineCatalog.Compile(program, name, NumberFormat.Float32);
                        Console.WriteLine("  " + machine.Describe());
                        foreach (var unit in machine.Definition.UnitCosts(program))
                            Console.WriteLine($"    unit {unit.Name}: {unit.Inputs:N0} inputs, {unit.Form} form, hidden {unit.HiddenByLayer}; " +
                                              $"the machine grows by {unit.Rows} rows of d, {unit.Hidden:N0} hidden units, {unit.Parameters:N0} parameters ({unit.NonZeros:N0} non-zero)");
                        foreach (var line in LayerTable.Markdown(machine.Weights)) Console.WriteLine("  " + line);
                    }
                    catch (ArgumentException e)
                    {
                        Console.WriteLine($"  {name}: cannot run it: {e.Message}");
                    }
                }
            }
            else
                Console.WriteLine($"{program.Name}: {program.Instructions.Count} instructions, {program.MemorySize} cells, " +
                                  $"{program.Word.Bits}-bit words{(program.IsSubleqOnly ? ", SUBLEQ only" : "")}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
