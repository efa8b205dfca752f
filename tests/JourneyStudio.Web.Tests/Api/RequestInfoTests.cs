using System.Net;
using JourneyStudio.Web.Api;
using Microsoft.AspNetCore.Http;

namespace JourneyStudio.Web.Tests.Api;

public sealed class RequestInfoTests
{
    [Fact]
    public void RequestInfo_CarriesAddressAgentHeadersAndLocales_ButNoCredentials()
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse("198.51.100.7");
        http.Request.Headers.UserAgent = "TestAgent/1.0";
        http.Request.Headers["X-Real-IP"] = "203.0.113.9";
        http.Request.Headers.AcceptLanguage = "de;q=0.5, fr";
        http.Request.Headers.Cookie = "iPlanetDirectoryPro=secret";
        http.Request.Headers["iPlanetDirectoryPro"] = "secret";
        http.Request.QueryString = new QueryString("?locale=nl");

        var info = AuthenticateEndpoints.RequestInfo(http);

        Assert.Equal("198.51.100.7", info.RemoteIpAddress);
        Assert.Equal("TestAgent/1.0", info.UserAgent);
        Assert.Equal("203.0.113.9", info.Headers["x-real-ip"]);
        Assert.Equal(["nl", "fr", "de"], info.PreferredLocales);
        Assert.False(info.Headers.ContainsKey("Cookie"));
        Assert.False(info.Headers.ContainsKey("iPlanetDirectoryPro"));
    }
}
