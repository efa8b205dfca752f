using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JourneyStudio.Persistence.Sqlite.Migrations
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
                type: "TEXT",
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
