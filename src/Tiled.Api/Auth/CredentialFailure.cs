namespace Tiled.Api.Auth;

/// <summary>Credentials that were presented but refused: the status and detail the client gets.</summary>
internal sealed class CredentialFailure(int status, string detail) : Exception(detail)
{
    public int Status { get; } = status;
}
