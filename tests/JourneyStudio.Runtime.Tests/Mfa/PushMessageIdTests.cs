using JourneyStudio.Runtime.Mfa;

namespace JourneyStudio.Runtime.Tests.Mfa;

public sealed class PushMessageIdTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1695151603616);

    [Fact]
    public void NewRegister_HasAmFormat()
    {
        var id = PushMessageIds.NewRegister(Now).ToString();

        Assert.Matches("^REGISTER:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}1695151603616$", id);
    }

    [Fact]
    public void NewAuthenticate_HasAmFormat_AndIsUnique()
    {
        var first = PushMessageIds.NewAuthenticate(Now);
        var second = PushMessageIds.NewAuthenticate(Now);

        Assert.StartsWith("AUTHENTICATE:", first.ToString());
        Assert.EndsWith("1695151603616", first.ToString());
        Assert.NotEqual(first.ToString(), second.ToString());
    }

    [Fact]
    public void Parse_SdkSample()
    {
        var id = PushMessageId.Parse("REGISTER:53b85112-8ba9-4b7e-9107-ecbca2d65f7b1695151603616");

        Assert.Equal(PushMessageKind.Register, id.Kind);
        Assert.Equal(Guid.Parse("53b85112-8ba9-4b7e-9107-ecbca2d65f7b"), id.Id);
        Assert.Equal(1695151603616, id.CreatedAtEpochMillis);
    }

    [Fact]
    public void ParseOfToString_RoundTrips()
    {
        var id = PushMessageIds.NewAuthenticate(Now);

        Assert.Equal(id, PushMessageId.Parse(id.ToString()));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("53b85112-8ba9-4b7e-9107-ecbca2d65f7b1695151603616", "starts with REGISTER: or AUTHENTICATE:")]
    [InlineData("REFRESH:53b85112-8ba9-4b7e-9107-ecbca2d65f7b1695151603616", "unknown push message type 'REFRESH'")]
    [InlineData("register:53b85112-8ba9-4b7e-9107-ecbca2d65f7b1695151603616", "unknown push message type 'register'")]
    [InlineData("REGISTER:53b85112-8ba9-4b7e-9107-ecbca2d65f7b", "UUID followed by a millisecond timestamp")]
    [InlineData("REGISTER:53b85112-8ba9-4b7e-9107-ecbca2d65fzz1695151603616", "is not a UUID")]
    [InlineData("REGISTER:53b85112-8ba9-4b7e-9107-ecbca2d65f7b16951516x3616", "is not a millisecond timestamp")]
    [InlineData("REGISTER:53b85112-8ba9-4b7e-9107-ecbca2d65f7b-1", "is not a millisecond timestamp")]
    public void TryParse_Invalid_FailsWithReason(string text, string reason)
    {
        Assert.False(PushMessageId.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
        Assert.Contains(reason, Assert.Throws<FormatException>(() => PushMessageId.Parse(text)).Message);
    }
}
