using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JourneyStudio.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Scripts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FailureReason",
                table: "JourneySessions",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Scripts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ScriptId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false, collation: "NOCASE"),
                    Language = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Context = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EvaluatorVersion = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    CurrentRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<string>(type: "TEXT", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Scripts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScriptRevisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ScriptRecordId = table.Column<int>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    SavedAt = table.Column<string>(type: "TEXT", nullable: false),
                    SavedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScriptRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScriptRevisions_Scripts_ScriptRecordId",
                        column: x => x.ScriptRecordId,
                        principalTable: "Scripts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ScriptRevisions_ScriptRecordId_Revision",
                table: "ScriptRevisions",
                columns: new[] { "ScriptRecordId", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Scripts_Name",
                table: "Scripts",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Scripts_ScriptId",
                table: "Scripts",
                column: "ScriptId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ScriptRevisions");

            migrationBuilder.DropTable(
                name: "Scripts");

            migrationBuilder.DropColumn(
                name: "FailureReason",
                table: "JourneySessions");
        }
    }
}
