using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace JourneyStudio.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Nodes2AndRunTraces : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PropertiesJson",
                table: "UserSessions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "JourneyId",
                table: "JourneySessions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TraceJson",
                table: "JourneySessions",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "CustomAttributes",
                table: "Identities",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "KbaInfo",
                table: "Identities",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "LastLogin",
                table: "Identities",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LoginCount",
                table: "Identities",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "MarketingPreference",
                table: "Identities",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TelephoneNumber",
                table: "Identities",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "TermsAcceptedAt",
                table: "Identities",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TermsVersion",
                table: "Identities",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "UpdatesPreference",
                table: "Identities",
                type: "boolean",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EmailTemplates",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DefaultLocale = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    From = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    LocalesJson = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<string>(type: "text", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmailTemplates", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "KbaQuestions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    QuestionId = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Question = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KbaQuestions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Mailbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    From = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    To = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    Subject = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    TextBody = table.Column<string>(type: "text", nullable: false),
                    HtmlBody = table.Column<string>(type: "text", nullable: false),
                    SentAt = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Mailbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SuspendedSignOns",
                columns: table => new
                {
                    IdHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SessionId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<string>(type: "text", nullable: false),
                    ExpiresAt = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SuspendedSignOns", x => x.IdHash);
                });

            migrationBuilder.CreateTable(
                name: "TermsVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Version = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Terms = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    CreatedAt = table.Column<string>(type: "text", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TermsVersions", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "KbaQuestions",
                columns: new[] { "Id", "Position", "Question", "QuestionId" },
                values: new object[,]
                {
                    { 1, 0, "What's your favorite color?", "1" },
                    { 2, 1, "Who was your first employer?", "2" }
                });

            migrationBuilder.InsertData(
                table: "TermsVersions",
                columns: new[] { "Id", "CreatedAt", "CreatedBy", "IsActive", "Terms", "Version" },
                values: new object[] { 1, "2026-01-01T00:00:00.0000000Z", "system", true, "These are placeholder terms and conditions. An administrator publishes the real ones in the studio, under Terms & Questions.", "0.0" });

            migrationBuilder.CreateIndex(
                name: "IX_JourneySessions_JourneyId_CreatedAt",
                table: "JourneySessions",
                columns: new[] { "JourneyId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_KbaQuestions_QuestionId",
                table: "KbaQuestions",
                column: "QuestionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Mailbox_SentAt",
                table: "Mailbox",
                column: "SentAt");

            migrationBuilder.CreateIndex(
                name: "IX_SuspendedSignOns_ExpiresAt",
                table: "SuspendedSignOns",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_SuspendedSignOns_SessionId",
                table: "SuspendedSignOns",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_TermsVersions_Version",
                table: "TermsVersions",
                column: "Version",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EmailTemplates");

            migrationBuilder.DropTable(
                name: "KbaQuestions");

            migrationBuilder.DropTable(
                name: "Mailbox");

            migrationBuilder.DropTable(
                name: "SuspendedSignOns");

            migrationBuilder.DropTable(
                name: "TermsVersions");

            migrationBuilder.DropIndex(
                name: "IX_JourneySessions_JourneyId_CreatedAt",
                table: "JourneySessions");

            migrationBuilder.DropColumn(
                name: "PropertiesJson",
                table: "UserSessions");

            migrationBuilder.DropColumn(
                name: "JourneyId",
                table: "JourneySessions");

            migrationBuilder.DropColumn(
                name: "TraceJson",
                table: "JourneySessions");

            migrationBuilder.DropColumn(
                name: "CustomAttributes",
                table: "Identities");

            migrationBuilder.DropColumn(
                name: "KbaInfo",
                table: "Identities");

            migrationBuilder.DropColumn(
                name: "LastLogin",
                table: "Identities");

            migrationBuilder.DropColumn(
                name: "LoginCount",
                table: "Identities");

            migrationBuilder.DropColumn(
                name: "MarketingPreference",
                table: "Identities");

            migrationBuilder.DropColumn(
                name: "TelephoneNumber",
                table: "Identities");

            migrationBuilder.DropColumn(
                name: "TermsAcceptedAt",
                table: "Identities");

            migrationBuilder.DropColumn(
                name: "TermsVersion",
                table: "Identities");

            migrationBuilder.DropColumn(
                name: "UpdatesPreference",
                table: "Identities");
        }
    }
}
