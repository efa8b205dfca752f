namespace JourneyStudio.Web.Tests.EndToEnd;

/// <summary>Item 4: a deleted identity leaves nothing behind that a user created again under the name would inherit.</summary>
public abstract partial class AccountStateTests
{
    private const string PushMfa = "Login with Push MFA";

    [Fact]
    public async Task DeletedAndCreatedAgain_RegistersANewDevice_AndTheOldDeviceIsRefused()
    {
        var (user, oldApp, pending) = await RegisterPushDeviceAsync("as-recreate");

        await host.DeleteAsync(user);
        await host.CreateUserNamedAsync(user);

        // The push sent before the deletion can no longer be approved, and nothing waits for the old device.
        Assert.InRange((await oldApp.AnswerAsync(pending, approve: true)).Status, 400, 499);
        Assert.Empty(await oldApp.ReceiveAsync());

        // The journey treats the new user as one without a device: get the app, then register from the QR code.
        using var newApp = host.NewAuthenticatorApp();
        using var signOn = await host.SignOn(PushMfa).StartAsync();
        await signOn.EnterCredentialsAsync(user, EndToEndServer.Password);
        Assert.Equal(["TextOutputCallback", "ConfirmationCallback"], signOn.CallbackTypes);
        await signOn.PressAsync("Continue");
        Assert.Equal(200, await newApp.ScanAndRegisterAsync(signOn.ScanQrCode()));
        await signOn.PollAsync();
        Assert.Equal(10, signOn.RecoveryCodes().Count);
        await signOn.SubmitAsync();

        // The first push goes to the new device only; the old one's answer to it is refused (wrong secret).
        Assert.Equal(["PollingWaitCallback", "HiddenValueCallback", "ConfirmationCallback"], signOn.CallbackTypes);
        var number = int.Parse(signOn.HiddenValue("pushChallengeNumber")!);
        var push = await newApp.ReceiveOneAsync();
        Assert.Empty(await oldApp.ReceiveAsync());
        Assert.InRange((await oldApp.AnswerAsync(push, approve: true, number: number)).Status, 400, 499);
        Assert.Equal(200, (await newApp.AnswerAsync(push, approve: true, number: number)).Status);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await signOn.PollAsync();

        signOn.AssertSignedOn();
        Assert.Equal(user, await signOn.SessionUsernameAsync());
    }
}
