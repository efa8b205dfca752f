using System.Text.Json.Nodes;
using JourneyStudio.Web.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace JourneyStudio.Web.Tests.Api;

public sealed class AmExceptionFilterTests
{
    [Fact]
    public async Task Bug_InAnEndpoint_AnswersGenericJson500WithoutDetails()
    {
        var filter = new AmExceptionFilter(NullLogger<AmExceptionFilter>.Instance);
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        http.Response.Body = new MemoryStream();

        var result = await filter.InvokeAsync(EndpointFilterInvocationContext.Create(http),
            _ => throw new InvalidOperationException("secret internal detail"));
        await ((IResult)result!).ExecuteAsync(http);

        Assert.Equal(500, http.Response.StatusCode);
        http.Response.Body.Position = 0;
        var body = JsonNode.Parse(http.Response.Body)!;
        Assert.Equal(500, body["code"]!.GetValue<int>());
        Assert.Equal("Internal Server Error", body["reason"]!.GetValue<string>());
        Assert.DoesNotContain("secret", body.ToJsonString());
    }
}
