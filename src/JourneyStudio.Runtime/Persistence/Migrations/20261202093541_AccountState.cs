using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JourneyStudio.Runtime.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AccountState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Sessions made before sessions were bound to an identity id cannot be bound now; their users sign on again.
            // (Without this line they would still be refused: every lookup joins the identity by id.)
            migrationBuilder.Sql("DELETE FROM \"UserSessions\";");

            migrationBuilder.AddColumn<int>(
                name: "IdentityId",
                table: "UserSessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

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

            migrationBuilder.CreateIndex(
                name: "IX_UserSessions_Username",
                table: "UserSessions",
                column: "Username");

            migrationBuilder.CreateIndex(
                name: "IX_JourneySessions_Username",
                table: "JourneySessions",
                column: "Username");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
                name: "EndedBy",
                table: "JourneySessions");

            migrationBuilder.DropColumn(
                name: "Username",
                table: "JourneySessions");
        }
    }
}
