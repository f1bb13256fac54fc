// Checks our Parquet tables against hyparquet and hyparquet-writer (JavaScript Parquet reader and
// writer, independent of Apache Arrow).
//
//   node parquet-interop.mjs write <path>
//       Writes a Parquet file with int64, double, string and boolean columns, with nulls, and
//       prints its columns as JSON.
//   node parquet-interop.mjs read <path>
//       Reads a Parquet file and prints its columns as JSON.
//
// Columns JSON: {"columns": {name: [value, ...]}}; int64 values as numbers (all samples are safe
// integers), nulls as null.

import { readFileSync } from "node:fs";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { parquetWriteFile } from "hyparquet-writer";

const sample = [
  { name: "id", data: [1n, 2n, 3n, 4n], type: "INT64" },
  { name: "value", data: [0.5, null, -2.25, 1e10], type: "DOUBLE" },
  { name: "label", data: ["a", "é,\"x\"", null, ""], type: "STRING" },
  { name: "flag", data: [true, false, null, true], type: "BOOLEAN" },
];

function plain(value) {
  return typeof value === "bigint" ? Number(value) : value;
}

function write(path) {
  parquetWriteFile({ filename: path, columnData: sample });
  return { columns: Object.fromEntries(sample.map((c) => [c.name, c.data.map(plain)])) };
}

async function read(path) {
  const bytes = readFileSync(path);
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const names = parquetMetadata(file).schema.slice(1).map((s) => s.name);
  const rows = await parquetReadObjects({ file });
  return { columns: Object.fromEntries(names.map((n) => [n, rows.map((r) => plain(r[n]) ?? null)])) };
}

const [command, path] = process.argv.slice(2);
const result = command === "write" ? write(path) : command === "read" ? await read(path) : null;
if (result === null) {
  console.error("usage: node parquet-interop.mjs write <path> | read <path>");
  process.exit(2);
}
process.stdout.write(JSON.stringify(result));
