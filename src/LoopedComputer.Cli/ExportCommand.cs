using System.CommandLine;
using LoopedComputer.Machines;
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
            var given = parse.GetValue(output)!;
            string directory = CheckOutput(given);
            var (program, memory) = common.LoadWithMemory(parse, parse.GetValue(file)!, Console.Out);
            var machine = common.Compile(parse, program);
            try
            {
                Interruption.Watch(() => MachineExport.Write(directory, machine, program, memory));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"cannot export to {given}: {e.Message}");
            }
            Interruption.StopIfRequested($"after writing {given}");
            Console.WriteLine(machine.Describe());
            foreach (var name in new[] { MachineExport.PunchcardFile, MachineExport.WeightsFile, MachineExport.DescriptionFile })
                Console.WriteLine($"  {Path.Combine(given.FullName, name)}  {new FileInfo(Path.Combine(directory, name)).Length:N0} bytes");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// Refuses an --output the export could not be written to, before the machine is compiled:
    /// not a folder, not empty, or a parent where the files' temporary folder cannot be made.
    /// Returns the folder with links followed.
    /// </summary>
    static string CheckOutput(DirectoryInfo given)
    {
        string directory = OutputFile.CheckFolderOutput("--output", given);
        try
        {
            MachineExport.CheckTarget(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--output {given}: {e.Message}");
        }
        OutputFile.Probe("--output", given.ToString(), Path.GetDirectoryName(directory)!);
        return directory;
    }
}
