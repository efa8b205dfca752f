using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JourneyStudio.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TrustAndOperations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Sessions made before sessions were bound to an identity's id cannot be checked against it: sign them out.
            migrationBuilder.Sql("DELETE FROM \"UserSessions\";");

            migrationBuilder.AddColumn<int>(
                name: "IdentityId",
                table: "UserSessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "SignOnId",
                table: "PushMessages",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EndedBy",
                table: "JourneySessions",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Username",
                table: "JourneySessions",
                type: "TEXT",
                maxLength: 100,
                nullable: true,
                collation: "NOCASE");

            migrationBuilder.CreateTable(
                name: "AddressFailures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    WindowStartedAt = table.Column<string>(type: "TEXT", nullable: false),
                    Failures = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AddressFailures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AdminApiTokens",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, collation: "NOCASE"),
                    TokenHash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<string>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<string>(type: "TEXT", nullable: true),
                    LastUsedAt = table.Column<string>(type: "TEXT", nullable: true),
                    RevokedAt = table.Column<string>(type: "TEXT", nullable: true),
                    RevokedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdminApiTokens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<string>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false, collation: "NOCASE"),
                    Target = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true, collation: "NOCASE"),
                    Succeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    RemoteAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RevisionBefore = table.Column<int>(type: "INTEGER", nullable: true),
                    RevisionAfter = table.Column<int>(type: "INTEGER", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CredentialFailures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Username = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false, collation: "NOCASE"),
                    ConsecutiveFailures = table.Column<int>(type: "INTEGER", nullable: false),
                    Lockouts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastFailureAt = table.Column<string>(type: "TEXT", nullable: false),
                    LockedUntil = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CredentialFailures", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UserSessions_Username",
                table: "UserSessions",
                column: "Username");

            migrationBuilder.CreateIndex(
                name: "IX_JourneySessions_Username",
                table: "JourneySessions",
                column: "Username");

            migrationBuilder.CreateIndex(
                name: "IX_AddressFailures_Address",
                table: "AddressFailures",
                column: "Address",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AddressFailures_WindowStartedAt",
                table: "AddressFailures",
                column: "WindowStartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_AdminApiTokens_Name",
                table: "AdminApiTokens",
                column: "Name",
                unique: true,
                filter: "\"RevokedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AdminApiTokens_TokenHash",
                table: "AdminApiTokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Action_At",
                table: "AuditEntries",
                columns: new[] { "Action", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Actor_At",
                table: "AuditEntries",
                columns: new[] { "Actor", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Target_At",
                table: "AuditEntries",
                columns: new[] { "Target", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CredentialFailures_Audience_Username",
                table: "CredentialFailures",
                columns: new[] { "Audience", "Username" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CredentialFailures_LastFailureAt",
                table: "CredentialFailures",
                column: "LastFailureAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AddressFailures");

            migrationBuilder.DropTable(
                name: "AdminApiTokens");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "CredentialFailures");

            migrationBuilder.DropIndex(
                name: "IX_UserSessions_Username",
                table: "UserSessions");

            migrationBuilder.DropIndex(
                name: "IX_JourneySessions_Username",
                table: "JourneySessions");

            migrationBuilder.DropColumn(
                name: "IdentityId",
                table: "UserSessions");

            migrationBuilder.DropColumn(
                name: "SignOnId",
                table: "PushMessages");

            migrationBuilder.DropColumn(
                name: "EndedBy",
                table: "JourneySessions");

            migrationBuilder.DropColumn(
                name: "Username",
                table: "JourneySessions");
        }
    }
}
