-- A catalog as the hand-written schema code made it at schema version 4 (before EF Core migrations):
-- the model's create script, then the search schema, the version row, an identity and one node.
-- Frozen: it stands for catalogs that exist in the field, so it never follows the model.

CREATE TABLE "catalog_identity" (
    "id" TEXT NOT NULL CONSTRAINT "PK_catalog_identity" PRIMARY KEY
);


CREATE TABLE "nodes" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_nodes" PRIMARY KEY AUTOINCREMENT,
    "path" TEXT NOT NULL,
    "parent_path" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "structure_family" TEXT NOT NULL,
    "metadata" TEXT NOT NULL,
    "specs" TEXT NOT NULL,
    "time_created" TEXT NOT NULL,
    "time_updated" TEXT NOT NULL,
    "version" INTEGER NOT NULL
);


CREATE TABLE "principals" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_principals" PRIMARY KEY AUTOINCREMENT,
    "uuid" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "identity" TEXT NULL,
    "roles" TEXT NOT NULL,
    "time_created" TEXT NOT NULL
);


CREATE TABLE "schema_version" (
    "version" INTEGER NOT NULL CONSTRAINT "PK_schema_version" PRIMARY KEY
);


CREATE TABLE "data_sources" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_data_sources" PRIMARY KEY AUTOINCREMENT,
    "node_id" INTEGER NOT NULL,
    "structure_family" TEXT NOT NULL,
    "structure" TEXT NULL,
    "mimetype" TEXT NOT NULL,
    "parameters" TEXT NOT NULL,
    "properties" TEXT NOT NULL,
    "management" TEXT NOT NULL,
    CONSTRAINT "FK_data_sources_nodes_node_id" FOREIGN KEY ("node_id") REFERENCES "nodes" ("id") ON DELETE CASCADE
);


CREATE TABLE "revisions" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_revisions" PRIMARY KEY AUTOINCREMENT,
    "node_id" INTEGER NOT NULL,
    "revision_number" INTEGER NOT NULL,
    "metadata" TEXT NOT NULL,
    "specs" TEXT NOT NULL,
    "time_updated" TEXT NOT NULL,
    CONSTRAINT "FK_revisions_nodes_node_id" FOREIGN KEY ("node_id") REFERENCES "nodes" ("id") ON DELETE CASCADE
);


CREATE TABLE "api_keys" (
    "first_eight" TEXT NOT NULL CONSTRAINT "PK_api_keys" PRIMARY KEY,
    "hashed_secret" BLOB NOT NULL,
    "expiration_time" TEXT NULL,
    "latest_activity" TEXT NULL,
    "note" TEXT NULL,
    "scopes" TEXT NOT NULL,
    "principal_id" INTEGER NOT NULL,
    CONSTRAINT "FK_api_keys_principals_principal_id" FOREIGN KEY ("principal_id") REFERENCES "principals" ("id") ON DELETE CASCADE
);


CREATE TABLE "assets" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_assets" PRIMARY KEY AUTOINCREMENT,
    "data_source_id" INTEGER NOT NULL,
    "data_uri" TEXT NOT NULL,
    "is_directory" INTEGER NOT NULL,
    "parameter" TEXT NULL,
    "num" INTEGER NULL,
    "size" INTEGER NULL,
    CONSTRAINT "FK_assets_data_sources_data_source_id" FOREIGN KEY ("data_source_id") REFERENCES "data_sources" ("id") ON DELETE CASCADE
);


CREATE UNIQUE INDEX "IX_api_keys_hashed_secret" ON "api_keys" ("hashed_secret");


CREATE INDEX "IX_api_keys_principal_id" ON "api_keys" ("principal_id");


CREATE INDEX "IX_assets_data_source_id" ON "assets" ("data_source_id");


CREATE INDEX "IX_data_sources_node_id" ON "data_sources" ("node_id");


CREATE INDEX "IX_nodes_parent_path_id" ON "nodes" ("parent_path", "id");


CREATE UNIQUE INDEX "IX_nodes_path" ON "nodes" ("path");


CREATE UNIQUE INDEX "IX_principals_uuid" ON "principals" ("uuid");


CREATE UNIQUE INDEX "IX_revisions_node_id_revision_number" ON "revisions" ("node_id", "revision_number");

CREATE VIRTUAL TABLE IF NOT EXISTS nodes_fts USING fts5(text);

CREATE TRIGGER IF NOT EXISTS nodes_fts_insert AFTER INSERT ON nodes BEGIN INSERT INTO nodes_fts(rowid, text) VALUES (NEW.id, (SELECT coalesce(group_concat(value, ' '), '') FROM json_tree(NEW.metadata) WHERE type = 'text')); END;

CREATE TRIGGER IF NOT EXISTS nodes_fts_delete AFTER DELETE ON nodes BEGIN DELETE FROM nodes_fts WHERE rowid = OLD.id; END;

CREATE TRIGGER IF NOT EXISTS nodes_fts_update AFTER UPDATE OF metadata ON nodes BEGIN DELETE FROM nodes_fts WHERE rowid = OLD.id; INSERT INTO nodes_fts(rowid, text) VALUES (NEW.id, (SELECT coalesce(group_concat(value, ' '), '') FROM json_tree(NEW.metadata) WHERE type = 'text')); END;

INSERT INTO nodes_fts(rowid, text) SELECT n.id, (SELECT coalesce(group_concat(value, ' '), '') FROM json_tree(n.metadata) WHERE type = 'text') FROM nodes n WHERE n.id NOT IN (SELECT rowid FROM nodes_fts);

INSERT INTO schema_version (version) VALUES (4);
INSERT INTO catalog_identity (id) VALUES ('6F9619FF-8B86-D011-B42D-00C04FC964FF');
INSERT INTO nodes (path, parent_path, key, structure_family, metadata, specs, time_created, time_updated, version)
    VALUES ('x', '', 'x', 'container', '{"note":"hello world"}', '[]', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00', 1);
