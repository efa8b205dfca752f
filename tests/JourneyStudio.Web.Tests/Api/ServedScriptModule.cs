using System.Net;
using Jint;
using Jint.Native;
using JourneyStudio.Testing;

namespace JourneyStudio.Web.Tests.Api;

/// <summary>A module of the hosted pages as the studio serves it (<c>/assets/NAME.js</c>), imported into a JavaScript engine.</summary>
internal static class ServedScriptModule
{
    /// <summary>The engine and the module's exports; the served file must answer 200.</summary>
    public static async Task<(Engine Engine, JsValue Module)> ImportAsync(StudioServer server, string name)
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync($"assets/{name}.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var engine = new Engine();
        engine.Modules.Add(name, await response.Content.ReadAsStringAsync());
        return (engine, engine.Modules.Import(name));
    }
}
