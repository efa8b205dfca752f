using System.Text.Json;
using JourneyStudio.Runtime.Push;
using JourneyStudio.Runtime.Push.Sns;

namespace JourneyStudio.Runtime.Tests.Push.Sns;

public sealed class SnsPushMessageConverterTests
{
    private static readonly PushDelivery Delivery = new(
        CommunicationId: "arn:aws:sns:us-east-1:123456789012:endpoint/GCM/app/1",
        CommunicationType: PushCommunicationTypes.Gcm,
        MessageId: "AUTHENTICATE:5e1b4c06-2d1c-4d8f-9f3e-0b6f0b0c0c0c1700000000000",
        Jwt: "eyJhbGciOiJIUzI1NiJ9.eyJ1IjoieCJ9.c2ln",
        UserMessage: "Login attempt from demo at ForgeRock");

    [Fact]
    public void ToSnsMessage_DefaultPush_IsAmsMessageByteForByte()
    {
        var message = SnsPushMessageConverter.ToSnsMessage(Delivery);

        // am-protocol 4.6: default, GCM, APNS and APNS_SANDBOX, each value a JSON string.
        const string expected = """
            {"default":"Login attempt from demo at ForgeRock","GCM":"{\"priority\":\"high\",\"data\":{\"message\":\"eyJhbGciOiJIUzI1NiJ9.eyJ1IjoieCJ9.c2ln\",\"messageId\":\"AUTHENTICATE:5e1b4c06-2d1c-4d8f-9f3e-0b6f0b0c0c0c1700000000000\"}}","APNS":"{\"aps\":{\"alert\":\"Login attempt from demo at ForgeRock\",\"sound\":\"default\",\"category\":\"authentication\",\"interruption-level\":\"time-sensitive\",\"messageId\":\"AUTHENTICATE:5e1b4c06-2d1c-4d8f-9f3e-0b6f0b0c0c0c1700000000000\",\"data\":\"eyJhbGciOiJIUzI1NiJ9.eyJ1IjoieCJ9.c2ln\",\"content-available\":1,\"mutable-content\":1}}","APNS_SANDBOX":"{\"aps\":{\"alert\":\"Login attempt from demo at ForgeRock\",\"sound\":\"default\",\"category\":\"authentication\",\"interruption-level\":\"time-sensitive\",\"messageId\":\"AUTHENTICATE:5e1b4c06-2d1c-4d8f-9f3e-0b6f0b0c0c0c1700000000000\",\"data\":\"eyJhbGciOiJIUzI1NiJ9.eyJ1IjoieCJ9.c2ln\",\"content-available\":1,\"mutable-content\":1}}"}
            """;
        Assert.Equal(expected, message);
    }

    [Fact]
    public void ToSnsMessage_EveryPlatformValueIsAJsonString()
    {
        using var document = JsonDocument.Parse(SnsPushMessageConverter.ToSnsMessage(Delivery));

        Assert.Equal(["default", "GCM", "APNS", "APNS_SANDBOX"], document.RootElement.EnumerateObject().Select(property => property.Name));
        Assert.All(document.RootElement.EnumerateObject(), property => Assert.Equal(JsonValueKind.String, property.Value.ValueKind));
    }

    [Theory]
    [InlineData(PushType.Default, "authentication")]
    [InlineData(PushType.Challenge, "authentication_challenge")]
    [InlineData(PushType.Biometric, "authentication_biometric")]
    public void ApnsPayload_CategoryFollowsPushType(PushType pushType, string category)
    {
        var payload = SnsPushMessageConverter.ApnsPayload(Delivery with { PushType = pushType });

        using var document = JsonDocument.Parse(payload);
        Assert.Equal(category, document.RootElement.GetProperty("aps").GetProperty("category").GetString());
    }

    [Fact]
    public void GcmPayload_CarriesTheJwtAndMessageIdForTheApp()
    {
        using var document = JsonDocument.Parse(SnsPushMessageConverter.GcmPayload(Delivery));

        var data = document.RootElement.GetProperty("data");
        Assert.Equal("high", document.RootElement.GetProperty("priority").GetString());
        Assert.Equal(Delivery.Jwt, data.GetProperty("message").GetString());
        Assert.Equal(Delivery.MessageId, data.GetProperty("messageId").GetString());
    }

    [Fact]
    public void ToSnsMessage_QuotesAndNonAsciiInTheUserMessage_SurviveBothLevelsOfJson()
    {
        var tricky = Delivery with { UserMessage = "Anmeldung \"Jürgen\" bei Ärzte & Co\n<b>" };

        using var outer = JsonDocument.Parse(SnsPushMessageConverter.ToSnsMessage(tricky));
        using var apns = JsonDocument.Parse(outer.RootElement.GetProperty("APNS").GetString()!);

        Assert.Equal(tricky.UserMessage, outer.RootElement.GetProperty("default").GetString());
        Assert.Equal(tricky.UserMessage, apns.RootElement.GetProperty("aps").GetProperty("alert").GetString());
    }
}
