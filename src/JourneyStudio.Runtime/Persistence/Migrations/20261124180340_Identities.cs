using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JourneyStudio.Runtime.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Identities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Identities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Username = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, collation: "NOCASE"),
                    GivenName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Sn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Mail = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: false),
                    PushSkip = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OathSkip = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    WebAuthnSkip = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Identities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetryCounters",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Realm = table.Column<string>(type: "TEXT", nullable: false),
                    Username = table.Column<string>(type: "TEXT", nullable: false, collation: "NOCASE"),
                    NodeId = table.Column<string>(type: "TEXT", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetryCounters", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Identities_Username",
                table: "Identities",
                column: "Username",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RetryCounters_Realm_Username_NodeId",
                table: "RetryCounters",
                columns: new[] { "Realm", "Username", "NodeId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Identities");

            migrationBuilder.DropTable(
                name: "RetryCounters");
        }
    }
}
