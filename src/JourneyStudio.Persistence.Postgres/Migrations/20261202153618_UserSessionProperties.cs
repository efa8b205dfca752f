using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JourneyStudio.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class UserSessionProperties : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PropertiesJson",
                table: "UserSessions",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PropertiesJson",
                table: "UserSessions");
        }
    }
}
