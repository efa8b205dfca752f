using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JourneyStudio.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class JourneyDrafts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "LiveRevision",
                table: "Journeys",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Every journey saved before drafts existed ran its newest revision.
            migrationBuilder.Sql("UPDATE \"Journeys\" SET \"LiveRevision\" = \"CurrentRevision\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LiveRevision",
                table: "Journeys");
        }
    }
}
