namespace Tiled.Api.Cli;

/// <summary>A usage or configuration error, reported to the user as one line with exit code 2.</summary>
internal sealed class CommandLineException(string message) : Exception(message);
