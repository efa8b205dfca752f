using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JourneyStudio.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class IdentityProfile : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
