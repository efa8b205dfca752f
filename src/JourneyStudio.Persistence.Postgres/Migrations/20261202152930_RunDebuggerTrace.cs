using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JourneyStudio.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RunDebuggerTrace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "IX_JourneySessions_JourneyId_CreatedAt",
                table: "JourneySessions",
                columns: new[] { "JourneyId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_JourneySessions_JourneyId_CreatedAt",
                table: "JourneySessions");

            migrationBuilder.DropColumn(
                name: "JourneyId",
                table: "JourneySessions");

            migrationBuilder.DropColumn(
                name: "TraceJson",
                table: "JourneySessions");
        }
    }
}
