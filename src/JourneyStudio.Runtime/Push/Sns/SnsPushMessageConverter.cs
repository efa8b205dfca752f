using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace JourneyStudio.Runtime.Push.Sns;

/// <summary>
/// Builds the SNS <c>Publish</c> message for an authentication push exactly as AM does (am-protocol 4.6):
/// a JSON object (sent with <c>MessageStructure=json</c>) whose <c>default</c>, <c>GCM</c>, <c>APNS</c> and
/// <c>APNS_SANDBOX</c> values are strings; the platform payloads are JSON documents serialised into those strings.
/// SNS hands each platform only its own entry, which is what the ForgeRock Authenticator parses.
/// </summary>
public static class SnsPushMessageConverter
{
    // The payloads are not HTML; escaping only what JSON requires keeps user messages in any language
    // readable and small (SNS caps a message at 256 KB).
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The APNs notification category the app registers for each push type.</summary>
    public static string ApnsCategory(PushType pushType) => pushType switch
    {
        PushType.Default => "authentication",
        PushType.Challenge => "authentication_challenge",
        PushType.Biometric => "authentication_biometric",
        _ => throw new ArgumentOutOfRangeException(nameof(pushType), pushType, "Unknown push type."),
    };

    /// <summary>The <c>Message</c> parameter of <c>Publish</c>.</summary>
    public static string ToSnsMessage(PushDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var apns = ApnsPayload(delivery);
        return Write(writer =>
        {
            writer.WriteString("default", delivery.UserMessage);
            writer.WriteString("GCM", GcmPayload(delivery));
            writer.WriteString("APNS", apns);
            writer.WriteString("APNS_SANDBOX", apns);
        });
    }

    /// <summary>The FCM payload: a high-priority data message carrying the JWS and the message id.</summary>
    public static string GcmPayload(PushDelivery delivery) => Write(writer =>
    {
        writer.WriteString("priority", "high");
        writer.WriteStartObject("data");
        writer.WriteString("message", delivery.Jwt);
        writer.WriteString("messageId", delivery.MessageId);
        writer.WriteEndObject();
    });

    /// <summary>The APNs payload: a time-sensitive alert in the push type's category, with the JWS as <c>data</c>.</summary>
    public static string ApnsPayload(PushDelivery delivery) => Write(writer =>
    {
        writer.WriteStartObject("aps");
        writer.WriteString("alert", delivery.UserMessage);
        writer.WriteString("sound", "default");
        writer.WriteString("category", ApnsCategory(delivery.PushType));
        writer.WriteString("interruption-level", "time-sensitive");
        writer.WriteString("messageId", delivery.MessageId);
        writer.WriteString("data", delivery.Jwt);
        writer.WriteNumber("content-available", 1);
        writer.WriteNumber("mutable-content", 1);
        writer.WriteEndObject();
    });

    private static string Write(Action<Utf8JsonWriter> writeProperties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
