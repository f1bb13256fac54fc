using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Tiled.Infrastructure.Persistence.Search;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Tiled.Infrastructure.Persistence.Migrations.Postgres
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
                    id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalog_identity", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "nodes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    path = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    parent_path = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    key = table.Column<string>(type: "text", nullable: false),
                    structure_family = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    metadata = table.Column<string>(type: "jsonb", nullable: false),
                    specs = table.Column<string>(type: "jsonb", nullable: false),
                    time_created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    time_updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nodes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "principals",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    uuid = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "text", nullable: false),
                    identity = table.Column<string>(type: "text", nullable: true),
                    roles = table.Column<string>(type: "jsonb", nullable: false),
                    time_created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_principals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "schema_version",
                columns: table => new
                {
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_schema_version", x => x.version);
                });

            migrationBuilder.CreateTable(
                name: "data_sources",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    node_id = table.Column<long>(type: "bigint", nullable: false),
                    structure_family = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    structure = table.Column<string>(type: "jsonb", nullable: true),
                    mimetype = table.Column<string>(type: "text", nullable: false),
                    parameters = table.Column<string>(type: "jsonb", nullable: false),
                    properties = table.Column<string>(type: "jsonb", nullable: false),
                    management = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    node_id = table.Column<long>(type: "bigint", nullable: false),
                    revision_number = table.Column<long>(type: "bigint", nullable: false),
                    metadata = table.Column<string>(type: "jsonb", nullable: false),
                    specs = table.Column<string>(type: "jsonb", nullable: false),
                    time_updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    first_eight = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    hashed_secret = table.Column<byte[]>(type: "bytea", nullable: false),
                    expiration_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    latest_activity = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    note = table.Column<string>(type: "text", nullable: true),
                    scopes = table.Column<string>(type: "jsonb", nullable: false),
                    principal_id = table.Column<long>(type: "bigint", nullable: false)
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    data_source_id = table.Column<long>(type: "bigint", nullable: false),
                    data_uri = table.Column<string>(type: "text", nullable: false),
                    is_directory = table.Column<bool>(type: "boolean", nullable: false),
                    parameter = table.Column<string>(type: "text", nullable: true),
                    num = table.Column<int>(type: "integer", nullable: true),
                    size = table.Column<long>(type: "bigint", nullable: true)
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
            foreach (var statement in SearchSchema.Statements(postgres: true))
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
