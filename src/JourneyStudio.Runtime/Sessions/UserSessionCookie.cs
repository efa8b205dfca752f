namespace JourneyStudio.Runtime.Sessions;

/// <summary>AM's name of the cookie (and REST header) that carries a user session's tokenId.</summary>
public static class UserSessionCookie
{
    public const string Name = "iPlanetDirectoryPro";
}
