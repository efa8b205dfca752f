using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace JourneyStudio.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TermsAndKbaQuestions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "KbaQuestions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QuestionId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KbaQuestions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TermsVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Version = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Terms = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    CreatedAt = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
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
                name: "IX_KbaQuestions_QuestionId",
                table: "KbaQuestions",
                column: "QuestionId",
                unique: true);

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
                name: "KbaQuestions");

            migrationBuilder.DropTable(
                name: "TermsVersions");
        }
    }
}
