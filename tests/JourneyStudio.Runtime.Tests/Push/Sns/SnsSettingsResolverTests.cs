using JourneyStudio.Runtime.Push.Sns;
using Microsoft.Extensions.Configuration;

namespace JourneyStudio.Runtime.Tests.Push.Sns;

public sealed class SnsSettingsResolverTests
{
    [Fact]
    public void Options_BindFromTheDocumentedConfigurationKeys()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["JourneyStudio:Push:Sns:Region"] = "eu-west-1",
            ["JourneyStudio:Push:Sns:AccessKeyId"] = "AKIA1",
            ["JourneyStudio:Push:Sns:SecretAccessKey"] = "secret",
            ["JourneyStudio:Push:Sns:SessionToken"] = "token",
            ["JourneyStudio:Push:Sns:ServiceUrl"] = "http://127.0.0.1:4567/",
            ["JourneyStudio:Push:Sns:ApnsPlatformApplicationArn"] = "arn:aws:sns:eu-west-1:1:app/APNS/a",
            ["JourneyStudio:Push:Sns:GcmPlatformApplicationArn"] = "arn:aws:sns:eu-west-1:1:app/GCM/g",
            ["JourneyStudio:Push:Sns:RequestTimeout"] = "00:00:03",
        }).Build();

        var options = configuration.GetSection(SnsOptions.SectionName).Get<SnsOptions>()!;
        var settings = SnsSettingsResolver.Resolve(options, SnsTestSupport.NoEnvironment);

        Assert.Equal("eu-west-1", settings.Region);
        Assert.Equal(new AwsCredentials("AKIA1", "secret", "token"), settings.Credentials);
        Assert.Equal(new Uri("http://127.0.0.1:4567/"), settings.Endpoint);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.Timeout);
        Assert.Equal("arn:aws:sns:eu-west-1:1:app/APNS/a", SnsSettingsResolver.PlatformApplicationArn(options, "apns"));
        Assert.Equal("arn:aws:sns:eu-west-1:1:app/GCM/g", SnsSettingsResolver.PlatformApplicationArn(options, "gcm"));
    }

    [Fact]
    public void Resolve_NoServiceUrl_UsesTheRegionalSnsEndpoint()
    {
        var settings = SnsSettingsResolver.Resolve(
            new SnsOptions { Region = "ap-southeast-2", AccessKeyId = "a", SecretAccessKey = "b" }, SnsTestSupport.NoEnvironment);

        Assert.Equal(new Uri("https://sns.ap-southeast-2.amazonaws.com/"), settings.Endpoint);
        Assert.Equal(SnsClientSettings.DefaultTimeout, settings.Timeout);
    }

    [Fact]
    public void Resolve_OptionsWinOverEnvironment_AndEnvironmentTokenIsNotMixedIn()
    {
        var environment = SnsTestSupport.Environment(
            ("AWS_REGION", "us-west-2"), ("AWS_ACCESS_KEY_ID", "ENVKEY"), ("AWS_SECRET_ACCESS_KEY", "envsecret"), ("AWS_SESSION_TOKEN", "envtoken"));

        var settings = SnsSettingsResolver.Resolve(
            new SnsOptions { Region = "eu-central-1", AccessKeyId = "OPTKEY", SecretAccessKey = "optsecret" }, environment);

        Assert.Equal("eu-central-1", settings.Region);
        Assert.Equal(new AwsCredentials("OPTKEY", "optsecret"), settings.Credentials);
    }

    [Theory]
    [InlineData("us-west-2", null, "us-west-2")]
    [InlineData(null, "eu-north-1", "eu-north-1")]
    [InlineData("us-west-2", "eu-north-1", "us-west-2")]
    public void Resolve_RegionFallsBackToAwsRegionThenAwsDefaultRegion(string? awsRegion, string? awsDefaultRegion, string expected)
    {
        var variables = new List<(string, string)> { ("AWS_ACCESS_KEY_ID", "k"), ("AWS_SECRET_ACCESS_KEY", "s") };
        if (awsRegion is not null)
        {
            variables.Add(("AWS_REGION", awsRegion));
        }

        if (awsDefaultRegion is not null)
        {
            variables.Add(("AWS_DEFAULT_REGION", awsDefaultRegion));
        }

        var settings = SnsSettingsResolver.Resolve(new SnsOptions(), SnsTestSupport.Environment([.. variables]));

        Assert.Equal(expected, settings.Region);
        Assert.Equal(new AwsCredentials("k", "s"), settings.Credentials);
    }

    [Theory]
    [InlineData(null, null, null, "needs a region: set JourneyStudio:Push:Sns:Region")]
    [InlineData("eu-west-1", "AKIA1", null, "JourneyStudio:Push:Sns:AccessKeyId is set but JourneyStudio:Push:Sns:SecretAccessKey is missing")]
    [InlineData("eu-west-1", null, "secret", "JourneyStudio:Push:Sns:SecretAccessKey is set but JourneyStudio:Push:Sns:AccessKeyId is missing")]
    [InlineData("eu-west-1", null, null, "needs AWS credentials: set JourneyStudio:Push:Sns:AccessKeyId and JourneyStudio:Push:Sns:SecretAccessKey")]
    [InlineData("sns.evil.example/", "a", "b", "JourneyStudio:Push:Sns:Region 'sns.evil.example/' is not an AWS region name")]
    public void Resolve_IncompleteSettings_NameTheSetting(string? region, string? accessKeyId, string? secret, string expectedMessage)
    {
        var options = new SnsOptions { Region = region, AccessKeyId = accessKeyId, SecretAccessKey = secret };

        var error = Assert.Throws<SnsConfigurationException>(() => SnsSettingsResolver.Resolve(options, SnsTestSupport.NoEnvironment));

        Assert.Contains(expectedMessage, error.Message);
    }

    [Fact]
    public void Resolve_OnlyOneEnvironmentKey_NamesTheMissingVariable()
    {
        var error = Assert.Throws<SnsConfigurationException>(() => SnsSettingsResolver.Resolve(
            new SnsOptions { Region = "eu-west-1" }, SnsTestSupport.Environment(("AWS_ACCESS_KEY_ID", "k"))));

        Assert.Contains("AWS_SECRET_ACCESS_KEY is missing", error.Message);
    }

    [Fact]
    public void Resolve_SessionTokenWithoutKeys_IsRejected()
    {
        var error = Assert.Throws<SnsConfigurationException>(() => SnsSettingsResolver.Resolve(
            new SnsOptions { Region = "eu-west-1", SessionToken = "t" }, SnsTestSupport.Environment(("AWS_ACCESS_KEY_ID", "k"), ("AWS_SECRET_ACCESS_KEY", "s"))));

        Assert.Contains("JourneyStudio:Push:Sns:SessionToken is set", error.Message);
    }

    [Theory]
    [InlineData("localhost:4566")]
    [InlineData("ftp://127.0.0.1/")]
    public void Resolve_ServiceUrlThatIsNotAnHttpUrl_IsRejected(string serviceUrl)
    {
        var error = Assert.Throws<SnsConfigurationException>(() => SnsSettingsResolver.Resolve(
            new SnsOptions { Region = "eu-west-1", AccessKeyId = "a", SecretAccessKey = "b", ServiceUrl = serviceUrl }, SnsTestSupport.NoEnvironment));

        Assert.Contains("JourneyStudio:Push:Sns:ServiceUrl", error.Message);
    }

    [Fact]
    public void PlatformApplicationArn_NotAnArn_IsRejected()
    {
        var error = Assert.Throws<SnsConfigurationException>(() =>
            SnsSettingsResolver.PlatformApplicationArn(new SnsOptions { GcmPlatformApplicationArn = "journeystudio-android" }, "gcm"));

        Assert.Contains("JourneyStudio:Push:Sns:GcmPlatformApplicationArn 'journeystudio-android' is not an ARN", error.Message);
    }
}
