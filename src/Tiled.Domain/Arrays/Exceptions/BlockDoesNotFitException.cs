using Tiled.Domain.Common;

namespace Tiled.Domain.Arrays;

/// <summary>
/// A patch region lies (partly) outside the array and extending was not requested (HTTP 409, Tiled's
/// <c>Conflicts</c>). Error code <c>block-does-not-fit</c>. The message always ends with
/// <see cref="Hint"/>: the Tiled client rewrites that sentence into its own advice.
/// </summary>
public sealed class BlockDoesNotFitException(string message) : DomainException(Code, WithHint(message))
{
    /// <summary>The stable error code carried by every instance.</summary>
    public const string Code = "block-does-not-fit";

    /// <summary>The closing sentence of every message.</summary>
    public const string Hint = "Use ?extend=true to extend the array dimensions to fit.";

    private static string WithHint(string message) =>
        message.EndsWith(Hint, StringComparison.Ordinal) ? message : $"{message.TrimEnd()} {Hint}".TrimStart();
}
