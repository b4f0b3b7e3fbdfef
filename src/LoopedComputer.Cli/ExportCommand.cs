using System.CommandLine;
using LoopedComputer.Compiler.Machines;
using LoopedComputer.Engine;

namespace LoopedComputer.Cli;

/// <summary>`looped export`: the punchcard X and every layer's weights as safetensors, with machine.json describing the layout (docs/export.md).</summary>
static class ExportCommand
{
    public static Command Create()
    {
        var common = TransformerCommands.Common.Create();
        var file = Options.ProgramFile();
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "directory to create (must not exist, or be empty)", Required = true };
        var command = new Command("export", "Write the punchcard X and all layer weights as safetensors files with a JSON description of the layout and layer order")
        {
            file, output,
        };
        common.AddTo(command);
        command.SetAction(parse => Cli.Run(() =>
        {
            var program = common.Load(parse, parse.GetValue(file)!);
            var memory = Loader.Memory(program, parse.GetValue(common.Set));
            var machine = common.Compile(parse, program);
            var directory = parse.GetValue(output)!;
            try
            {
                MachineExport.Write(directory.FullName, machine, program, memory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"cannot export: {e.Message}");
            }
            Console.WriteLine(machine.Describe());
            foreach (var name in new[] { MachineExport.PunchcardFile, MachineExport.WeightsFile, MachineExport.DescriptionFile })
                Console.WriteLine($"  {Path.Combine(directory.FullName, name)}  {new FileInfo(Path.Combine(directory.FullName, name)).Length:N0} bytes");
            return ExitCodes.Success;
        }));
        return command;
    }
}
