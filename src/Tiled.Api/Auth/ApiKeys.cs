using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Tiled.Api.Auth;

/// <summary>Reading and checking the single-user API key (protocol §10).</summary>
internal static class ApiKeys
{
    public const string InvalidApiKey = "Invalid API key";

    public static string Generate() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static bool IsValidFormat(string key) => key.Length > 0 && key.All(char.IsAsciiLetterOrDigit);

    public static bool Matches(string candidate, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), Encoding.UTF8.GetBytes(expected));

    public const string CookieName = "tiled_api_key";

    /// <summary>
    /// The key from <c>?api_key=</c>, <c>Authorization: Apikey</c>, or (when
    /// <paramref name="allowCookie"/>) the <c>tiled_api_key</c> cookie, in that order.
    /// </summary>
    public static CredentialResult ReadFromHttp(HttpRequest request, bool allowCookie)
    {
        if (request.Query.TryGetValue("api_key", out var fromQuery) && !string.IsNullOrEmpty(fromQuery.ToString()))
        {
            return CredentialResult.Key(fromQuery.ToString());
        }

        var header = request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            return ParseAuthorization(header);
        }

        return allowCookie && request.Cookies.TryGetValue(CookieName, out var cookie) && !string.IsNullOrEmpty(cookie)
            ? CredentialResult.Key(cookie)
            : CredentialResult.None;
    }

    public static CredentialResult ParseAuthorization(string header)
    {
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? header : header[..space];
        var secret = space < 0 ? "" : header[(space + 1)..].Trim();
        if (scheme.Equals("Apikey", StringComparison.OrdinalIgnoreCase))
        {
            return CredentialResult.Key(secret);
        }

        return scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
            ? CredentialResult.Failure(401, "Could not validate credentials")
            : CredentialResult.Failure(400,
                "Authorization header must include the authorization type followed by a space and then the secret, " +
                "as in 'Bearer SECRET' or 'Apikey SECRET'.");
    }
}
