namespace JourneyStudio.Runtime.Email;

/// <summary>
/// The templates the studio ships, after IDM's default ones (registration, resetPassword, forgottenUsername,
/// updatePassword): same names, subjects and links, with a plain-text body beside the HTML.
/// </summary>
public static class EmailTemplateDefaults
{
    public const string Registration = "registration";
    public const string ResetPassword = "resetPassword";
    public const string ForgottenUsername = "forgottenUsername";
    public const string UpdatePassword = "updatePassword";

    public static IReadOnlyList<EmailTemplate> All { get; } =
    [
        Make(Registration, new()
        {
            ["en"] = new("Register new account",
                "This is your registration email.\n\nVerify your email address: {{object.resumeURI}}\n",
                "<h3>This is your registration email.</h3><h4><a href=\"{{object.resumeURI}}\">Email verification link</a></h4>"),
            ["fr"] = new("Créer un nouveau compte",
                "Ceci est votre e-mail d'inscription.\n\nVérifiez votre adresse e-mail : {{object.resumeURI}}\n",
                "<h3>Ceci est votre e-mail d'inscription.</h3><h4><a href=\"{{object.resumeURI}}\">Lien de vérification de l'e-mail</a></h4>"),
        }),
        Make(ResetPassword, new()
        {
            ["en"] = new("Reset your password",
                "Hello {{object.givenName}},\n\nOpen this link to reset your password: {{object.resumeURI}}\n",
                "<h3>Click to reset your password</h3><h4><a href=\"{{object.resumeURI}}\">Password reset link</a></h4>"),
            ["fr"] = new("Réinitialisez votre mot de passe",
                "Bonjour {{object.givenName}},\n\nOuvrez ce lien pour réinitialiser votre mot de passe : {{object.resumeURI}}\n",
                "<h3>Cliquez pour réinitialiser votre mot de passe</h3><h4><a href=\"{{object.resumeURI}}\">Mot de passe lien de réinitialisation</a></h4>"),
        }),
        Make(ForgottenUsername, new()
        {
            ["en"] = new("Account Information - username",
                "Your username is '{{object.userName}}'.\n\nReturn to the sign-in page: {{object.resumeURI}}\n",
                "<p>Your username is '{{object.userName}}'.</p><h4><a href=\"{{object.resumeURI}}\">Click to return to sign-in page</a></h4>"),
            ["fr"] = new("Informations sur le compte - nom d'utilisateur",
                "Votre nom d'utilisateur est '{{object.userName}}'.\n\nRetour à la page de connexion : {{object.resumeURI}}\n",
                "<p>Votre nom d'utilisateur est '{{object.userName}}'.</p><h4><a href=\"{{object.resumeURI}}\">Cliquez pour revenir à la page de connexion</a></h4>"),
        }),
        Make(UpdatePassword, new()
        {
            ["en"] = new("Update your password",
                "Verify your email to update your password: {{object.resumeURI}}\n",
                "<h3>Verify email to update password</h3><h4><a href=\"{{object.resumeURI}}\">Update password link</a></h4>"),
            ["fr"] = new("Mettez à jour votre mot de passe",
                "Vérifiez votre e-mail pour mettre à jour votre mot de passe : {{object.resumeURI}}\n",
                "<h3>Vérifiez l'e-mail pour mettre à jour le mot de passe</h3><h4><a href=\"{{object.resumeURI}}\">Lien de mise à jour du mot de passe</a></h4>"),
        }),
    ];

    public static EmailTemplate? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));

    private static EmailTemplate Make(string name, Dictionary<string, EmailTemplateContent> locales) =>
        new() { Name = name, DefaultLocale = "en", Locales = locales };
}
