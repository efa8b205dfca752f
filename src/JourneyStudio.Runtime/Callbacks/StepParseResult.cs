namespace JourneyStudio.Runtime.Callbacks;

/// <summary>Why a submitted step was rejected.</summary>
public enum StepParseErrorCode
{
    /// <summary>The body is not JSON, or not a JSON object.</summary>
    InvalidJson,
    /// <summary>The body has no <c>callbacks</c> array.</summary>
    MissingCallbacks,
    /// <summary>The number of callbacks differs from the step that was sent.</summary>
    WrongCallbackCount,
    /// <summary>A callback is not an object, or its <c>type</c> differs from the callback sent at that index.</summary>
    WrongCallbackType,
    /// <summary>A callback lacks an input the sent callback had (e.g. <c>IDToken3</c>).</summary>
    MissingInput,
    /// <summary>An input value has another JSON type than the sent one (e.g. a number where a string was sent).</summary>
    WrongInputType,
}

/// <summary>A specific, client-presentable reason a submitted step does not fit the step that was sent.</summary>
public sealed record StepParseError(StepParseErrorCode Code, string Message, int? CallbackIndex = null, string? InputName = null);

/// <summary>Either the submitted callbacks (the sent ones with the client's input values) or an error.</summary>
public sealed record StepParseResult
{
    private StepParseResult() { }

    public IReadOnlyList<Callback>? Callbacks { get; private init; }

    public StepParseError? Error { get; private init; }

    public bool Succeeded => Error is null;

    public static StepParseResult Success(IReadOnlyList<Callback> callbacks) => new() { Callbacks = callbacks };

    public static StepParseResult Failure(StepParseErrorCode code, string message, int? callbackIndex = null, string? inputName = null) =>
        new() { Error = new StepParseError(code, message, callbackIndex, inputName) };
}
