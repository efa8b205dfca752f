using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JourneyStudio.Runtime.Email;

public abstract record EmailTemplateSaveResult
{
    private EmailTemplateSaveResult() { }

    public sealed record Saved(EmailTemplate Template) : EmailTemplateSaveResult;

    /// <summary>Nothing was saved; <paramref name="Problems"/> says why, one sentence each.</summary>
    public sealed record Invalid(IReadOnlyList<string> Problems) : EmailTemplateSaveResult;
}

/// <summary>
/// Email templates: the shipped defaults (<see cref="EmailTemplateDefaults"/>) unless an admin saved a version, which is
/// kept in the database (so every instance sends the same). Resetting deletes the saved version.
/// </summary>
public sealed class EmailTemplateStore(IDbContextFactory<JourneyStudioDbContext> contextFactory, TimeProvider time, IAuditLog audit)
{
    /// <summary>The template named <paramref name="name"/> (case-sensitive, as IDM's ids), saved or shipped; null when neither.</summary>
    public async Task<EmailTemplate?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.EmailTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Name == name, cancellationToken);
        return stored?.ToTemplate() ?? EmailTemplateDefaults.Find(name);
    }

    /// <summary>Every template, saved ones in place of their defaults, by name.</summary>
    public async Task<IReadOnlyList<EmailTemplate>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stored = (await db.EmailTemplates.AsNoTracking().ToListAsync(cancellationToken)).Select(r => r.ToTemplate()).ToList();
        return stored.Concat(EmailTemplateDefaults.All.Where(d => stored.All(s => s.Name != d.Name)))
            .OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<EmailTemplateSaveResult> SaveAsync(EmailTemplate template, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var problems = EmailTemplateRules.Check(template);
        if (problems.Count > 0) return new EmailTemplateSaveResult.Invalid(problems);

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var record = await db.EmailTemplates.FirstOrDefaultAsync(t => t.Name == template.Name, cancellationToken);
        var from = string.IsNullOrWhiteSpace(template.From) ? null : template.From.Trim();
        if (record is null)
        {
            record = new EmailTemplateRecord
            {
                Name = template.Name, DefaultLocale = template.DefaultLocale, From = from,
                LocalesJson = EmailTemplateRecord.WriteLocales(template.Locales), UpdatedAt = now, UpdatedBy = actor.SavedBy,
            };
            db.EmailTemplates.Add(record);
        }
        else
        {
            record.DefaultLocale = template.DefaultLocale;
            record.From = from;
            record.LocalesJson = EmailTemplateRecord.WriteLocales(template.Locales);
            record.UpdatedAt = now;
            record.UpdatedBy = actor.SavedBy;
        }
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(actor.Event(AuditActions.EmailTemplateSave, template.Name) with
        {
            Detail = $"locales {string.Join(", ", template.Locales.Keys)}; default {template.DefaultLocale}",
        }, cancellationToken);
        return new EmailTemplateSaveResult.Saved(record.ToTemplate());
    }

    /// <summary>Deletes the saved version; the shipped default (if any) applies again. False when nothing was saved.</summary>
    public async Task<bool> ResetAsync(string name, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var deleted = await db.EmailTemplates.Where(t => t.Name == name).ExecuteDeleteAsync(cancellationToken) > 0;
        if (deleted) await audit.RecordAsync(actor.Event(AuditActions.EmailTemplateReset, name), cancellationToken);
        return deleted;
    }
}
