namespace JourneyStudio.Runtime.Realms;

/// <summary>Outcome of <see cref="RealmServiceStore.SaveAsync"/>.</summary>
public abstract record RealmServiceSaveResult
{
    private RealmServiceSaveResult()
    {
    }

    /// <param name="DeviceInvalidatingChanges">
    /// Labels of the changed delivery settings (transport, SNS credentials, region, endpoints); when not empty,
    /// devices registered before must register again.
    /// </param>
    public sealed record Saved(RealmServicesView View, IReadOnlyList<string> DeviceInvalidatingChanges) : RealmServiceSaveResult;

    /// <summary>Nothing was saved; one message per field key of <see cref="RealmServiceFields"/>.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string> Errors) : RealmServiceSaveResult;
}

/// <summary>What a save would do (<see cref="RealmServiceStore.PreviewAsync"/>): lets a page validate before it asks for confirmation.</summary>
public sealed record RealmServiceSavePreview(IReadOnlyDictionary<string, string> Errors, IReadOnlyList<string> DeviceInvalidatingChanges)
{
    public bool IsValid => Errors.Count == 0;
}
