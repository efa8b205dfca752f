using System.Text.Json.Nodes;

namespace JourneyStudio.Web.Tests.BadInput;

/// <summary>The error bodies of the endpoint families, as a client sees them.</summary>
internal static class ErrorShapes
{
    /// <summary>AM's <c>{code, reason, message}</c> (end-user, device, hosted-page and virtual-authenticator endpoints).</summary>
    public static JsonObject AssertAmError(RawReply reply, int status)
    {
        Assert.True(reply.Status == status, $"expected {status}, got {reply}");
        var body = AssertJsonObject(reply);
        Assert.Equal(status, (int?)body["code"]);
        Assert.IsType<string>((string?)body["reason"]);
        Assert.IsType<string>((string?)body["message"]);
        return body;
    }

    /// <summary>The admin API's <c>{code, reason, message, …}</c>; <c>errors</c>, when present, is <c>[{path, message}]</c>.</summary>
    public static JsonObject AssertAdminError(RawReply reply, int status)
    {
        Assert.True(reply.Status == status, $"expected {status}, got {reply}");
        var body = AssertJsonObject(reply);
        Assert.Equal(status, (int?)body["code"]);
        Assert.IsType<string>((string?)body["reason"]);
        Assert.IsType<string>((string?)body["message"]);
        if (body["errors"] is { } errors)
            foreach (var error in errors.AsArray())
            {
                Assert.IsType<string>((string?)error!["path"]);
                Assert.IsType<string>((string?)error["message"]);
            }
        return body;
    }

    /// <summary>A 400 of the AM shape whose message names <paramref name="path"/>.</summary>
    public static void AssertAmBadJson(RawReply reply, string path)
    {
        var body = AssertAmError(reply, 400);
        Assert.Contains(path, (string)body["message"]!, StringComparison.Ordinal);
    }

    /// <summary>A 400 of the admin shape with an error at <paramref name="path"/>.</summary>
    public static void AssertAdminBadJson(RawReply reply, string path)
    {
        var body = AssertAdminError(reply, 400);
        var paths = body["errors"]?.AsArray().Select(e => (string?)e!["path"]).ToList() ?? [];
        Assert.True(paths.Contains(path), $"expected an error at {path}, got {reply}");
    }

    private static JsonObject AssertJsonObject(RawReply reply)
    {
        AssertNoDetails(reply);
        Assert.True(reply.MediaType == "application/json", $"expected JSON, got {reply}");
        return Assert.IsType<JsonObject>(reply.Json);
    }

    /// <summary>No stack trace, no exception type, no developer page.</summary>
    public static void AssertNoDetails(RawReply reply)
    {
        Assert.DoesNotContain("   at ", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", reply.Text, StringComparison.OrdinalIgnoreCase);
    }
}
