namespace Tiled.Domain.Common;

/// <summary>
/// Base of every expected failure. <see cref="ErrorCode"/> is stable and becomes the problem
/// <c>type</c> (<c>urn:tiled:error:CODE</c>); the message is the <c>detail</c> users read.
/// </summary>
public abstract class DomainException(string errorCode, string message) : Exception(message)
{
    public string ErrorCode { get; } = errorCode;
}
