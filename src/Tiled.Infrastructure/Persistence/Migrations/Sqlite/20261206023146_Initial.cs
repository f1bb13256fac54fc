using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Tiled.Infrastructure.Persistence.Search;

#nullable disable

namespace Tiled.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "catalog_identity",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalog_identity", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "nodes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    path = table.Column<string>(type: "TEXT", nullable: false),
                    parent_path = table.Column<string>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", nullable: false),
                    structure_family = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    metadata = table.Column<string>(type: "TEXT", nullable: false),
                    specs = table.Column<string>(type: "TEXT", nullable: false),
                    time_created = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    time_updated = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nodes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "principals",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", nullable: false),
                    identity = table.Column<string>(type: "TEXT", nullable: true),
                    roles = table.Column<string>(type: "TEXT", nullable: false),
                    time_created = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_principals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "schema_version",
                columns: table => new
                {
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_schema_version", x => x.version);
                });

            migrationBuilder.CreateTable(
                name: "data_sources",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    node_id = table.Column<long>(type: "INTEGER", nullable: false),
                    structure_family = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    structure = table.Column<string>(type: "TEXT", nullable: true),
                    mimetype = table.Column<string>(type: "TEXT", nullable: false),
                    parameters = table.Column<string>(type: "TEXT", nullable: false),
                    properties = table.Column<string>(type: "TEXT", nullable: false),
                    management = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_sources", x => x.id);
                    table.ForeignKey(
                        name: "FK_data_sources_nodes_node_id",
                        column: x => x.node_id,
                        principalTable: "nodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "revisions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    node_id = table.Column<long>(type: "INTEGER", nullable: false),
                    revision_number = table.Column<long>(type: "INTEGER", nullable: false),
                    metadata = table.Column<string>(type: "TEXT", nullable: false),
                    specs = table.Column<string>(type: "TEXT", nullable: false),
                    time_updated = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_revisions", x => x.id);
                    table.ForeignKey(
                        name: "FK_revisions_nodes_node_id",
                        column: x => x.node_id,
                        principalTable: "nodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    first_eight = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    hashed_secret = table.Column<byte[]>(type: "BLOB", nullable: false),
                    expiration_time = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    latest_activity = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    note = table.Column<string>(type: "TEXT", nullable: true),
                    scopes = table.Column<string>(type: "TEXT", nullable: false),
                    principal_id = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_keys", x => x.first_eight);
                    table.ForeignKey(
                        name: "FK_api_keys_principals_principal_id",
                        column: x => x.principal_id,
                        principalTable: "principals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "assets",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    data_source_id = table.Column<long>(type: "INTEGER", nullable: false),
                    data_uri = table.Column<string>(type: "TEXT", nullable: false),
                    is_directory = table.Column<bool>(type: "INTEGER", nullable: false),
                    parameter = table.Column<string>(type: "TEXT", nullable: true),
                    num = table.Column<int>(type: "INTEGER", nullable: true),
                    size = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assets", x => x.id);
                    table.ForeignKey(
                        name: "FK_assets_data_sources_data_source_id",
                        column: x => x.data_source_id,
                        principalTable: "data_sources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_hashed_secret",
                table: "api_keys",
                column: "hashed_secret",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_principal_id",
                table: "api_keys",
                column: "principal_id");

            migrationBuilder.CreateIndex(
                name: "IX_assets_data_source_id",
                table: "assets",
                column: "data_source_id");

            migrationBuilder.CreateIndex(
                name: "IX_data_sources_node_id",
                table: "data_sources",
                column: "node_id");

            migrationBuilder.CreateIndex(
                name: "IX_nodes_parent_path_id",
                table: "nodes",
                columns: new[] { "parent_path", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_nodes_path",
                table: "nodes",
                column: "path",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_principals_uuid",
                table: "principals",
                column: "uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_revisions_node_id_revision_number",
                table: "revisions",
                columns: new[] { "node_id", "revision_number" },
                unique: true);

            // Not part of the model: search indexes (PostgreSQL) or the full-text table and its triggers (SQLite).
            foreach (var statement in SearchSchema.Statements(postgres: false))
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS nodes_fts;");

            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "assets");

            migrationBuilder.DropTable(
                name: "catalog_identity");

            migrationBuilder.DropTable(
                name: "revisions");

            migrationBuilder.DropTable(
                name: "schema_version");

            migrationBuilder.DropTable(
                name: "principals");

            migrationBuilder.DropTable(
                name: "data_sources");

            migrationBuilder.DropTable(
                name: "nodes");
        }
    }
}
