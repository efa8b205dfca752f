using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JourneyStudio.Runtime.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RealmServices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RealmServiceSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Realm = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Transport = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Region = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    AccessKeyId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ProtectedSecretAccessKey = table.Column<string>(type: "TEXT", nullable: true),
                    ApnsEndpoint = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    GcmEndpoint = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    ServiceUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DeviceProfileEncryption = table.Column<bool>(type: "INTEGER", nullable: true),
                    SkippableAttributeName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    UpdatedAt = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RealmServiceSettings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RealmServiceSettings_Realm",
                table: "RealmServiceSettings",
                column: "Realm",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RealmServiceSettings");
        }
    }
}
