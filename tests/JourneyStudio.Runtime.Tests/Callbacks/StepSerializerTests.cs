using System.Text.Json;
using JourneyStudio.Runtime.Callbacks;

namespace JourneyStudio.Runtime.Tests.Callbacks;

public sealed class StepSerializerTests
{
    [Fact]
    public void Serialize_UsernamePasswordPage_MatchesAmBytes()
    {
        var json = StepSerializer.Serialize("foo", [Callback.Name("User Name"), Callback.Password("Password")], stage: "UsernamePassword");

        Assert.Equal(
            """{"authId":"foo","callbacks":[{"type":"NameCallback","output":[{"name":"prompt","value":"User Name"}],"input":[{"name":"IDToken1","value":""}],"_id":0},{"type":"PasswordCallback","output":[{"name":"prompt","value":"Password"}],"input":[{"name":"IDToken2","value":""}],"_id":1}],"stage":"UsernamePassword"}""",
            json);
    }

    [Fact]
    public void Serialize_QrStep_NumbersInputsByCallbackPositionAndWritesMessageTypeAsString()
    {
        var json = StepSerializer.Serialize("a",
        [
            Callback.TextOutput("Scan the QR code"),
            Callback.TextOutput("window.QRCodeReader.createCode({id: 'callback_0'});", TextOutputMessageType.Script),
            Callback.HiddenValue("mfaDeviceRegistration", "otpauth://totp/ForgeRock:demo?secret=ABC"),
            Callback.Confirmation(["Next"]),
        ]);

        Assert.Equal(
            """{"authId":"a","callbacks":[""" +
            """{"type":"TextOutputCallback","output":[{"name":"message","value":"Scan the QR code"},{"name":"messageType","value":"0"}],"_id":0},""" +
            """{"type":"TextOutputCallback","output":[{"name":"message","value":"window.QRCodeReader.createCode({id: 'callback_0'});"},{"name":"messageType","value":"4"}],"_id":1},""" +
            """{"type":"HiddenValueCallback","output":[{"name":"value","value":"otpauth://totp/ForgeRock:demo?secret=ABC"},{"name":"id","value":"mfaDeviceRegistration"}],"input":[{"name":"IDToken3","value":"mfaDeviceRegistration"}],"_id":2},""" +
            """{"type":"ConfirmationCallback","output":[{"name":"prompt","value":""},{"name":"messageType","value":0},{"name":"options","value":["Next"]},{"name":"optionType","value":-1},{"name":"defaultOption","value":0}],"input":[{"name":"IDToken4","value":0}],"_id":3}""" +
            """]}""",
            json);
    }

    [Fact]
    public void Serialize_PollingWait_WritesWaitTimeAsString()
    {
        var json = StepSerializer.Serialize("a", [Callback.PollingWait(5000, "Waiting for response...")]);

        Assert.Equal(
            """{"authId":"a","callbacks":[{"type":"PollingWaitCallback","output":[{"name":"waitTime","value":"5000"},{"name":"message","value":"Waiting for response..."}],"_id":0}]}""",
            json);
    }

    [Fact]
    public void Serialize_ChoiceDeviceProfileAndMetadata_UseAmOutputNamesAndTypes()
    {
        using var data = JsonDocument.Parse("""{"_type":"WebAuthn"}""");
        var json = StepSerializer.Serialize("a",
        [
            Callback.Choice("Choose your color", ["red", "green"], 1),
            Callback.DeviceProfile(true, false, "Collecting profile ..."),
            Callback.Metadata(data.RootElement),
        ]);

        Assert.Equal(
            """{"authId":"a","callbacks":[""" +
            """{"type":"ChoiceCallback","output":[{"name":"prompt","value":"Choose your color"},{"name":"choices","value":["red","green"]},{"name":"defaultChoice","value":1}],"input":[{"name":"IDToken1","value":1}],"_id":0},""" +
            """{"type":"DeviceProfileCallback","output":[{"name":"metadata","value":true},{"name":"location","value":false},{"name":"message","value":"Collecting profile ..."}],"input":[{"name":"IDToken2","value":""}],"_id":1},""" +
            """{"type":"MetadataCallback","output":[{"name":"data","value":{"_type":"WebAuthn"}}],"_id":2}""" +
            """]}""",
            json);
    }

    [Fact]
    public void Serialize_HeaderAndDescription_PresentOnlyWhenNotEmpty()
    {
        var with = JsonDocument.Parse(StepSerializer.Serialize("a", [Callback.Name("User Name")], "Sign In", "Welcome <b>back</b>", "")).RootElement;
        var without = JsonDocument.Parse(StepSerializer.Serialize("a", [Callback.Name("User Name")], "", null, null)).RootElement;

        Assert.Equal("Sign In", with.GetProperty("header").GetString());
        Assert.Equal("Welcome <b>back</b>", with.GetProperty("description").GetString());
        Assert.False(with.TryGetProperty("stage", out _));
        Assert.False(without.TryGetProperty("header", out _));
        Assert.False(without.TryGetProperty("description", out _));
    }

    [Fact]
    public void Serialize_ScriptText_IsNotHtmlEscaped()
    {
        var json = StepSerializer.Serialize("a", [Callback.TextOutput("<div class=\"text-center\">A&B</div>", TextOutputMessageType.Script)]);

        Assert.Contains("""<div class=\"text-center\">A&B</div>""", json);
    }

    [Fact]
    public void Parse_FilledStep_ReturnsSentCallbacksWithClientValues()
    {
        var sent = new[] { Callback.TextOutput("Hi"), Callback.Name("User Name"), Callback.Confirmation(["Yes", "No"]) };
        var body = """
            {"authId":"a","callbacks":[
              {"type":"TextOutputCallback","output":[{"name":"message","value":"Hi"},{"name":"messageType","value":"0"}]},
              {"type":"NameCallback","output":[{"name":"prompt","value":"User Name"}],"input":[{"name":"IDToken2","value":"demo"}]},
              {"type":"ConfirmationCallback","output":[],"input":[{"name":"IDToken3","value":1}]}]}
            """;

        var result = StepSerializer.Parse(body, sent);

        Assert.True(result.Succeeded);
        Assert.Equal("demo", result.Callbacks![1].GetInputString());
        Assert.Equal(1, result.Callbacks[2].GetInputInt32());
    }

    [Fact]
    public void Parse_TamperedOutput_KeepsTheSentOutput()
    {
        var sent = new[] { Callback.HiddenValue("pushChallengeNumber", "47") };
        var body = """{"callbacks":[{"type":"HiddenValueCallback","output":[{"name":"value","value":"99"},{"name":"id","value":"x"}],"input":[{"name":"IDToken1","value":"ok"}]}]}""";

        var result = StepSerializer.Parse(body, sent);

        Assert.Equal("47", result.Callbacks![0].GetOutputString("value"));
        Assert.Equal("ok", result.Callbacks[0].GetInputString());
    }

    [Theory]
    [InlineData("""{"callbacks":[{"type":"\ud800","input":[{"name":"IDToken1","value":"x"}]}]}""", "$.callbacks[0].type")]
    [InlineData("""{"callbacks":[{"type":"NameCallback","input":[{"name":"IDToken1\udc00","value":"x"}]}]}""", "$.callbacks[0].input[0].name")]
    [InlineData("""{"callbacks":[{"type":"NameCallback","type":"NameCallback","input":[]}]}""", "$.callbacks[0].type")]
    public void Parse_TextAStringCannotHold_OrADuplicateKey_IsInvalidJsonNamingThePath(string body, string path)
    {
        var result = StepSerializer.Parse(body, [Callback.Name("User Name")]);

        Assert.Equal(StepParseErrorCode.InvalidJson, result.Error!.Code);
        Assert.Contains(path, result.Error.Message);
    }

    [Fact]
    public void Parse_NotJson_InvalidJson()
    {
        var result = StepSerializer.Parse("{\"callbacks\": [", [Callback.Name("User Name")]);

        Assert.Equal(StepParseErrorCode.InvalidJson, result.Error!.Code);
    }

    [Theory]
    [InlineData("""{"authId":"a"}""")]
    [InlineData("""{"authId":"a","callbacks":{}}""")]
    public void Parse_NoCallbacksArray_MissingCallbacks(string body)
    {
        var result = StepSerializer.Parse(body, [Callback.Name("User Name")]);

        Assert.Equal(StepParseErrorCode.MissingCallbacks, result.Error!.Code);
    }

    [Fact]
    public void Parse_OneCallbackTooFew_WrongCallbackCount()
    {
        var body = """{"callbacks":[{"type":"NameCallback","input":[{"name":"IDToken1","value":"demo"}]}]}""";

        var result = StepSerializer.Parse(body, [Callback.Name("User Name"), Callback.Password("Password")]);

        Assert.Equal(StepParseErrorCode.WrongCallbackCount, result.Error!.Code);
        Assert.Equal("Expected 2 callback(s) but got 1.", result.Error.Message);
    }

    [Fact]
    public void Parse_SwappedCallbacks_WrongCallbackTypeAtIndex()
    {
        var body = """
            {"callbacks":[{"type":"NameCallback","input":[{"name":"IDToken1","value":"demo"}]},
                          {"type":"NameCallback","input":[{"name":"IDToken2","value":"x"}]}]}
            """;

        var result = StepSerializer.Parse(body, [Callback.Name("User Name"), Callback.Password("Password")]);

        Assert.Equal(StepParseErrorCode.WrongCallbackType, result.Error!.Code);
        Assert.Equal(1, result.Error.CallbackIndex);
        Assert.Equal("Callback 1 must be a PasswordCallback, not a NameCallback.", result.Error.Message);
    }

    [Fact]
    public void Parse_InputNamedAfterWrongPosition_MissingInput()
    {
        var sent = new[] { Callback.TextOutput("a"), Callback.TextOutput("b", TextOutputMessageType.Script), Callback.HiddenValue("mfaDeviceRegistration", "uri") };
        var body = """
            {"callbacks":[{"type":"TextOutputCallback"},{"type":"TextOutputCallback"},
                          {"type":"HiddenValueCallback","input":[{"name":"IDToken1","value":"mfaDeviceRegistration"}]}]}
            """;

        var result = StepSerializer.Parse(body, sent);

        Assert.Equal(StepParseErrorCode.MissingInput, result.Error!.Code);
        Assert.Equal("IDToken3", result.Error.InputName);
        Assert.Equal(2, result.Error.CallbackIndex);
    }

    [Theory]
    [InlineData("""{"callbacks":[{"type":"NameCallback","input":[{"name":"IDToken1","value":42}]}]}""", "must be a string, not a whole number")]
    [InlineData("""{"callbacks":[{"type":"NameCallback","input":[{"name":"IDToken1","value":null}]}]}""", "must be a string, not null")]
    public void Parse_ValueOfWrongJsonType_WrongInputType(string body, string expected)
    {
        var result = StepSerializer.Parse(body, [Callback.Name("User Name")]);

        Assert.Equal(StepParseErrorCode.WrongInputType, result.Error!.Code);
        Assert.Contains(expected, result.Error.Message);
    }

    [Fact]
    public void Parse_ConfirmationIndexAsString_WrongInputType()
    {
        var body = """{"callbacks":[{"type":"ConfirmationCallback","input":[{"name":"IDToken1","value":"0"}]}]}""";

        var result = StepSerializer.Parse(body, [Callback.Confirmation(["Cancel"])]);

        Assert.Equal(StepParseErrorCode.WrongInputType, result.Error!.Code);
        Assert.Equal("IDToken1", result.Error.InputName);
    }

    [Fact]
    public void ReadAuthId_ReadsStringAuthIdOnly()
    {
        Assert.Equal("xyz", StepSerializer.ReadAuthId("""{"authId":"xyz","callbacks":[]}"""));
        Assert.Null(StepSerializer.ReadAuthId("""{"authId":5}"""));
        Assert.Null(StepSerializer.ReadAuthId("not json"));
    }
}
