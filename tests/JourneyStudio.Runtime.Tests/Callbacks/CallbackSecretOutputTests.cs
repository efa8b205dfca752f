using JourneyStudio.Runtime.Callbacks;

namespace JourneyStudio.Runtime.Tests.Callbacks;

public sealed class CallbackSecretOutputTests
{
    [Fact]
    public void WithoutSecretOutputs_BlanksOnlyCallbacksMarkedSecret()
    {
        var secret = Callback.TextOutput("\"ABCDEFGHIJ\\n\" +", TextOutputMessageType.Script).WithSecretOutputs();
        var plain = Callback.TextOutput("Hello");

        var stored = secret.WithoutSecretOutputs();

        Assert.Equal(("", ""), (stored.GetOutputString("message"), stored.GetOutputString("messageType")));
        Assert.Equal(Callback.TextOutputType, stored.Type);
        Assert.Same(plain, plain.WithoutSecretOutputs());
        Assert.Equal("\"ABCDEFGHIJ\\n\" +", secret.GetOutputString("message"));
    }
}
