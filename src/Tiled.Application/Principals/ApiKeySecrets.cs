using System.Security.Cryptography;

namespace Tiled.Application.Principals;

/// <summary>
/// API key secrets as Tiled makes them (§4.2): 36 random bytes written as 72 hex characters,
/// stored as the SHA-256 of the raw bytes, found by their first eight characters.
/// </summary>
public static class ApiKeySecrets
{
    public const int SecretBytes = 36;

    public static string Generate() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>The hash of a well-formed secret, or null for anything else (which can be no key of ours).</summary>
    public static byte[]? Hash(string secret)
    {
        if (secret.Length != SecretBytes * 2 || !secret.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        return SHA256.HashData(Convert.FromHexString(secret));
    }

    public static string FirstEight(string secret) => secret[..8].ToLowerInvariant();
}
