using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JourneyStudio.Runtime.Scripts;

/// <summary>
/// What <c>idRepository</c> reads and writes: any identity's attributes under AM's names, by username. The one seam between
/// scripts and the identity profile, so a richer attribute store can take its place.
/// </summary>
public interface IScriptIdentities
{
    /// <summary>
    /// The identity's attributes; null when there is no such identity. Synchronous on purpose: a script reads the answer as
    /// the return value of <c>getAttribute</c>/<c>getIdentity</c> inside Jint's synchronous run (AM's API is synchronous too),
    /// so this is a plain synchronous read, not a wait on a task.
    /// </summary>
    ScriptIdentity? Find(string username);

    /// <summary>Why the writes cannot be applied (an attribute the profile does not have, a bad value); null when they can.</summary>
    string? Check(IReadOnlyList<ScriptIdentityWrite> writes);

    /// <summary>Applies writes <see cref="Check"/> accepted; returns the store's refusal, or null.</summary>
    Task<string?> ApplyAsync(IReadOnlyList<ScriptIdentityWrite> writes, CancellationToken cancellationToken = default);
}

/// <summary>
/// <c>idRepository</c> over the identity store: <c>uid</c>/<c>userName</c>, <c>givenName</c>, <c>sn</c>, <c>cn</c>, <c>mail</c>
/// and <c>inetUserStatus</c> (<c>Active</c>/<c>Inactive</c>) read; <c>givenName</c>, <c>sn</c>, <c>mail</c> and
/// <c>inetUserStatus</c> can be set.
/// </summary>
public sealed class IdentityStoreScriptIdentities(IdentityStore identities, IDbContextFactory<JourneyStudioDbContext> contextFactory) : IScriptIdentities
{
    private static readonly string[] Writable = ["givenName", "sn", "mail", "inetUserStatus"];

    public ScriptIdentity? Find(string username)
    {
        if (string.IsNullOrEmpty(username) || username.Length > IdentityRules.MaxUsernameLength) return null;
        using var db = contextFactory.CreateDbContext();
        var identity = db.Identities.AsNoTracking().FirstOrDefault(i => i.Username == username);
        if (identity is null) return null;
        var attributes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["uid"] = [identity.Username],
            ["userName"] = [identity.Username],
            ["givenName"] = Present(identity.GivenName),
            ["sn"] = Present(identity.Sn),
            ["cn"] = Present($"{identity.GivenName} {identity.Sn}".Trim()),
            ["mail"] = Present(identity.Mail),
            ["inetUserStatus"] = [identity.Active ? "Active" : "Inactive"],
        };
        return new ScriptIdentity(identity.Username, attributes);
    }

    public string? Check(IReadOnlyList<ScriptIdentityWrite> writes)
    {
        foreach (var write in writes)
        {
            if (!Writable.Contains(write.Attribute, StringComparer.Ordinal))
                return $"idRepository cannot set '{write.Attribute}'; the identity profile has {string.Join(", ", Writable)}.";
            if (write.Values.Count > 1) return $"idRepository: '{write.Attribute}' takes one value, not {write.Values.Count}.";
            if (write.Attribute == "inetUserStatus" && write.Values.Count == 1 && write.Values[0] is not ("Active" or "Inactive"))
                return $"idRepository: inetUserStatus is Active or Inactive, not '{write.Values[0]}'.";
        }
        return null;
    }

    public async Task<string?> ApplyAsync(IReadOnlyList<ScriptIdentityWrite> writes, CancellationToken cancellationToken = default)
    {
        foreach (var byUser in writes.GroupBy(w => w.Username, StringComparer.OrdinalIgnoreCase))
        {
            string? Last(string attribute) => byUser.LastOrDefault(w => w.Attribute == attribute) is { } w ? (w.Values.Count > 0 ? w.Values[0] : "") : null;
            var status = Last("inetUserStatus");
            var result = await identities.UpdateAsync(byUser.Key,
                new IdentityUpdate(GivenName: Last("givenName"), Sn: Last("sn"), Mail: Last("mail"), Active: status is null ? null : status == "Active"),
                cancellationToken);
            switch (result)
            {
                case IdentityResult.Invalid invalid: return $"idRepository: {invalid.Message}";
                case IdentityResult.NotFound: return $"idRepository: there is no identity '{byUser.Key}'.";
            }
        }
        return null;
    }

    private static IReadOnlyList<string> Present(string value) => value.Length > 0 ? [value] : [];
}
