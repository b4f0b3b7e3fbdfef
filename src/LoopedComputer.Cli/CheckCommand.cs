using System.CommandLine;
using LoopedComputer.Isa;

namespace LoopedComputer.Cli;

static class CheckCommand
{
    public static Command Create()
    {
        var file = Options.ProgramFile();
        var maxSteps = Options.MaxSteps();
        var command = new Command("check", "Run every .expect case of a program on the reference interpreter") { file, maxSteps };
        command.SetAction(parse => Cli.Run(() =>
        {
            var program = Loader.Load(parse.GetValue(file)!);
            if (program.Expectations.Count == 0)
                throw new CliException($"{program.Name} declares no expected results; add lines such as .expect n=5 => result=120");
            int failures = 0;
            foreach (var expectation in program.Expectations)
            {
                var outcome = ExpectationRunner.Run(program, expectation, parse.GetValue(maxSteps));
                Console.WriteLine(outcome.Describe());
                if (!outcome.Passed) failures++;
            }
            Console.WriteLine($"{program.Expectations.Count - failures} passed, {failures} failed");
            return failures == 0 ? ExitCodes.Success : ExitCodes.ExpectationFailed;
        }));
        return command;
    }
}
