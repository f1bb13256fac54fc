using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Q = Tiled.Api.OpenApi.QueryParameters;

namespace Tiled.Api.Http;

/// <summary>
/// <c>?filename=</c> on a read: the response is an attachment of that name (protocol §6.2). A name of
/// printable ASCII is sent as <c>attachment; filename="..."</c> (quotes and backslashes escaped);
/// any other (non-ASCII, control characters) also as RFC 5987 <c>filename*=UTF-8''...</c> with a
/// <c>filename</c> in which such characters are <c>_</c>, so no name makes an invalid header.
/// </summary>
internal static class Attachment
{
    public static void NameFromQuery(HttpRequest request)
    {
        if (Q.Filename.From(request).ToString() is { Length: > 0 } filename)
        {
            request.HttpContext.Response.Headers.ContentDisposition = Header(filename);
        }
    }

    public static string Header(string filename)
    {
        var ascii = new StringBuilder(filename.Length);
        foreach (var c in filename)
        {
            ascii.Append(c is >= ' ' and <= '~' ? c : '_');
        }

        var quoted = ascii.Replace("\\", "\\\\").Replace("\"", "\\\"").ToString();
        return filename.All(c => c is >= ' ' and <= '~')
            ? $"attachment; filename=\"{quoted}\""
            : $"attachment; filename=\"{quoted}\"; filename*=UTF-8''{Encode(filename)}";
    }

    /// <summary>RFC 5987 value characters as they are, every other UTF-8 byte (a lone surrogate as U+FFFD) percent-encoded.</summary>
    private static string Encode(string text)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || "!#$&+-.^_`|~".Contains((char)b, StringComparison.Ordinal))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
