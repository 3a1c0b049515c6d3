namespace SyntaxKnowledge.Cli;

/// <summary>The entry point of the skm tool.</summary>
internal static class Program
{
    private static int Main(string[] args) => Cli.Run(args, Console.Out, Console.Error);
}
