namespace JourneyStudio.Runtime.Push.Sns;

/// <summary>
/// The result of signing one request with AWS Signature Version 4. The intermediate strings are kept
/// because they are what AWS's own test vectors publish, and what one compares when AWS answers
/// <c>SignatureDoesNotMatch</c>.
/// </summary>
/// <param name="HeadersToAdd">
/// Headers the caller must add to the outgoing request besides the ones it passed in:
/// <c>X-Amz-Date</c>, <c>X-Amz-Security-Token</c> (temporary credentials only) and <c>Authorization</c>.
/// </param>
public sealed record AwsSignature(
    string AmzDate,
    string CanonicalRequest,
    string StringToSign,
    string SignedHeaders,
    string Signature,
    string Authorization,
    IReadOnlyList<KeyValuePair<string, string>> HeadersToAdd);
