using System.Net.Http.Headers;
using Azure.Core;

namespace PartnerBot.Graph;

/// <summary>
/// Puts an app-only Graph token on each request. The credential keeps the token in its own cache until
/// shortly before it expires, so a lookup does not cost a call to Entra ID.
/// </summary>
internal sealed class GraphTokenHandler(TokenCredential credential) : DelegatingHandler
{
    private static readonly TokenRequestContext GraphScope = new(["https://graph.microsoft.com/.default"]);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await credential.GetTokenAsync(GraphScope, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
