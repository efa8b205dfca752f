namespace JourneyStudio.Runtime.Mfa;

/// <summary>What a decoder accepts regarding the trailing <c>=</c> characters.</summary>
public enum Base64Padding
{
    /// <summary>Padded and unpadded input are both accepted (padding, when present, must be exact).</summary>
    Optional,

    /// <summary>No <c>=</c> at all; compact JWS segments and AM's URI values are written this way.</summary>
    Forbidden,

    /// <summary>The length must be a multiple of four, padded with <c>=</c>.</summary>
    Required,
}
