using Tiled.Domain.Common;

namespace Tiled.Application.Common.Errors;

/// <summary>
/// An input beyond one of the <see cref="Limits.InputLimits"/>: 413 (<c>too-large</c>) for sizes in
/// bytes, 422 (<c>limit-exceeded</c>) otherwise. The message names the setting.
/// </summary>
public sealed class LimitExceededException(bool size, string message) : DomainException(size ? TooLarge : Exceeded, message)
{
    public const string TooLarge = "too-large";

    public const string Exceeded = "limit-exceeded";
}
