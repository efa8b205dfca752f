using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JourneyStudio.Runtime.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class BruteForceProtection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "IX_AddressFailures_Address",
                table: "AddressFailures",
                column: "Address",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AddressFailures_WindowStartedAt",
                table: "AddressFailures",
                column: "WindowStartedAt");

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
                name: "CredentialFailures");
        }
    }
}
