// Checks our Arrow IPC codec against apache-arrow (the JavaScript implementation).
//
//   node arrow-interop.mjs read <path>
//       Reads an Arrow IPC file ("ARROW1" magic), stream, or lone schema message and prints its
//       canonical JSON (below) on stdout.
//   node arrow-interop.mjs write <directory>
//       Writes reference.arrow (file format) and reference.arrows (stream format): one column of
//       every supported type, with nulls, in several record batches (one of them empty), with
//       schema and field metadata. Prints the canonical JSON of what it wrote.
//
// Canonical JSON:
//   {"schema": {"fields": [{"name", "type", "nullable", "metadata": {key: value}}], "metadata": {key: value}},
//    "batches": [{"length": n, "columns": [[value, ...], ...]}]}
// "type" is pyarrow's spelling (int64, double, string, large_string, timestamp[ns, tz=UTC],
// date32[day], duration[ms], ...). Values are the raw stored values: null for nulls; numbers for
// 8/16/32-bit integers, date32 (days) and time32; decimal strings for 64-bit integers, timestamps,
// durations, date64 (ms) and time64; numbers for floats, with "NaN", "Infinity", "-Infinity" as
// strings; booleans; strings for utf8; lowercase hex for binary.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as A from "apache-arrow";

const units = ["s", "ms", "us", "ns"];

function typeName(type) {
  switch (type.typeId) {
    case A.Type.Int:
      return `${type.isSigned ? "int" : "uint"}${type.bitWidth}`;
    case A.Type.Float:
      return ["halffloat", "float", "double"][type.precision];
    case A.Type.Bool:
      return "bool";
    case A.Type.Utf8:
      return "string";
    case A.Type.LargeUtf8:
      return "large_string";
    case A.Type.Binary:
      return "binary";
    case A.Type.LargeBinary:
      return "large_binary";
    case A.Type.Date:
      return type.unit === A.DateUnit.DAY ? "date32[day]" : "date64[ms]";
    case A.Type.Time:
      return `time${type.bitWidth}[${units[type.unit]}]`;
    case A.Type.Timestamp:
      return type.timezone ? `timestamp[${units[type.unit]}, tz=${type.timezone}]` : `timestamp[${units[type.unit]}]`;
    case A.Type.Duration:
      return `duration[${units[type.unit]}]`;
    default:
      return `unsupported:${type}`;
  }
}

function metadata(map) {
  return Object.fromEntries(map ?? new Map());
}

function number(value) {
  return Number.isFinite(value) ? value : String(value);
}

function hex(bytes) {
  return Buffer.from(bytes).toString("hex");
}

// The raw stored value of row i of a column (a Vector with a single Data chunk).
function value(vector, i) {
  if (!vector.isValid(i)) {
    return null;
  }
  const type = vector.type;
  const data = vector.data[0];
  switch (type.typeId) {
    case A.Type.Int:
    case A.Type.Date:
    case A.Type.Time:
    case A.Type.Timestamp:
    case A.Type.Duration: {
      const raw = data.values[data.offset + i];
      return typeof raw === "bigint" ? raw.toString() : raw;
    }
    case A.Type.Float:
      return number(vector.get(i));
    case A.Type.Bool:
      return vector.get(i);
    case A.Type.Utf8:
    case A.Type.LargeUtf8:
      return vector.get(i);
    case A.Type.Binary:
    case A.Type.LargeBinary:
      return hex(vector.get(i));
    default:
      throw new Error(`unsupported type ${type}`);
  }
}

function canonical(schema, batches) {
  return {
    schema: {
      fields: schema.fields.map((f) => ({
        name: f.name,
        type: typeName(f.type),
        nullable: f.nullable,
        metadata: metadata(f.metadata),
      })),
      metadata: metadata(schema.metadata),
    },
    batches: batches.map((batch) => ({
      length: batch.numRows,
      columns: schema.fields.map((_, c) => {
        const vector = batch.getChildAt(c);
        return Array.from({ length: batch.numRows }, (_, i) => value(vector, i));
      }),
    })),
  };
}

function read(path) {
  const bytes = new Uint8Array(readFileSync(path));
  // RecordBatchReader.from tells the file format (magic) from the stream format by itself.
  const reader = A.RecordBatchReader.from(bytes);
  reader.open();
  // The reader forgets its schema once it has been read to the end.
  const schema = reader.schema;
  const batches = [...reader];
  return canonical(schema, batches);
}

// --- reference data -------------------------------------------------------------------------

function bitmap(valid) {
  const bits = new Uint8Array(Math.ceil(valid.length / 8));
  valid.forEach((v, i) => {
    if (v) bits[i >> 3] |= 1 << (i & 7);
  });
  return bits;
}

function fixed(type, values) {
  const valid = values.map((v) => v !== null);
  const nullCount = valid.filter((v) => !v).length;
  const data = new type.ArrayType(values.map((v) => (v === null ? (type.ArrayType === BigInt64Array || type.ArrayType === BigUint64Array ? 0n : 0) : v)));
  return A.makeData({ type, length: values.length, nullCount, nullBitmap: nullCount ? bitmap(valid) : null, data });
}

function bools(values) {
  const valid = values.map((v) => v !== null);
  const nullCount = valid.filter((v) => !v).length;
  return A.makeData({
    type: new A.Bool(),
    length: values.length,
    nullCount,
    nullBitmap: nullCount ? bitmap(valid) : null,
    data: bitmap(values.map((v) => v === true)),
  });
}

function variable(type, values, large) {
  const valid = values.map((v) => v !== null);
  const nullCount = valid.filter((v) => !v).length;
  const chunks = values.map((v) => (v === null ? new Uint8Array(0) : typeof v === "string" ? new TextEncoder().encode(v) : v));
  const offsets = [0];
  chunks.forEach((c) => offsets.push(offsets[offsets.length - 1] + c.length));
  const data = new Uint8Array(offsets[offsets.length - 1]);
  chunks.forEach((c, i) => data.set(c, offsets[i]));
  return A.makeData({
    type,
    length: values.length,
    nullCount,
    nullBitmap: nullCount ? bitmap(valid) : null,
    valueOffsets: large ? BigInt64Array.from(offsets.map(BigInt)) : Int32Array.from(offsets),
    data,
  });
}

const fields = [
  ["bool", new A.Bool(), (n) => bools(pick(n, [true, null, false, true]))],
  ["int8", new A.Int8(), (n) => fixed(new A.Int8(), pick(n, [-128, null, 127, 0]))],
  ["int16", new A.Int16(), (n) => fixed(new A.Int16(), pick(n, [-32768, 1, null, 32767]))],
  ["int32", new A.Int32(), (n) => fixed(new A.Int32(), pick(n, [-2147483648, null, 2147483647, 5]))],
  ["int64", new A.Int64(), (n) => fixed(new A.Int64(), pick(n, [-9223372036854775808n, 9223372036854775807n, null, 42n]))],
  ["uint8", new A.Uint8(), (n) => fixed(new A.Uint8(), pick(n, [255, null, 0, 1]))],
  ["uint16", new A.Uint16(), (n) => fixed(new A.Uint16(), pick(n, [65535, 0, null, 2]))],
  ["uint32", new A.Uint32(), (n) => fixed(new A.Uint32(), pick(n, [4294967295, null, 0, 3]))],
  ["uint64", new A.Uint64(), (n) => fixed(new A.Uint64(), pick(n, [18446744073709551615n, null, 0n, 4n]))],
  ["float16", new A.Float16(), (n) => fixed(new A.Float16(), pick(n, [0x3c00, null, 0x7e00, 0xc000]))],
  ["float32", new A.Float32(), (n) => fixed(new A.Float32(), pick(n, [0.1, null, NaN, -Infinity]))],
  ["float64", new A.Float64(), (n) => fixed(new A.Float64(), pick(n, [0.1, 1e300, null, Infinity]))],
  ["utf8", new A.Utf8(), (n) => variable(new A.Utf8(), pick(n, ["héllo", null, "", "a,b\"c\nd"]), false)],
  ["large_utf8", new A.LargeUtf8(), (n) => variable(new A.LargeUtf8(), pick(n, ["x", "日本", null, ""]), true)],
  ["binary", new A.Binary(), (n) => variable(new A.Binary(), pick(n, [Uint8Array.of(0, 255), null, new Uint8Array(0), Uint8Array.of(7)]), false)],
  ["large_binary", new A.LargeBinary(), (n) => variable(new A.LargeBinary(), pick(n, [null, Uint8Array.of(1, 2, 3), Uint8Array.of(), Uint8Array.of(9)]), true)],
  ["date32", new A.DateDay(), (n) => fixed(new A.DateDay(), pick(n, [0, 18262, null, -1]))],
  ["date64", new A.DateMillisecond(), (n) => fixed(new A.DateMillisecond(), pick(n, [0n, null, 1577836800000n, -86400000n]))],
  ["time32s", new A.TimeSecond(), (n) => fixed(new A.TimeSecond(), pick(n, [0, 86399, null, 3600]))],
  ["time32ms", new A.TimeMillisecond(), (n) => fixed(new A.TimeMillisecond(), pick(n, [null, 1, 86399999, 500]))],
  ["time64us", new A.TimeMicrosecond(), (n) => fixed(new A.TimeMicrosecond(), pick(n, [1n, null, 86399999999n, 0n]))],
  ["time64ns", new A.TimeNanosecond(), (n) => fixed(new A.TimeNanosecond(), pick(n, [86399999999999n, 1n, null, 0n]))],
  ["ts_s", new A.TimestampSecond(), (n) => fixed(new A.TimestampSecond(), pick(n, [0n, null, 1577836800n, -1n]))],
  ["ts_ms_utc", new A.TimestampMillisecond("UTC"), (n) => fixed(new A.TimestampMillisecond("UTC"), pick(n, [1577836800123n, null, 0n, -1n]))],
  ["ts_us_paris", new A.TimestampMicrosecond("Europe/Paris"), (n) => fixed(new A.TimestampMicrosecond("Europe/Paris"), pick(n, [null, 1577836800123456n, 0n, 1n]))],
  ["ts_ns_offset", new A.TimestampNanosecond("+07:30"), (n) => fixed(new A.TimestampNanosecond("+07:30"), pick(n, [1577836800123456789n, null, -9223372036854775807n, 0n]))],
  ["dur_s", new A.DurationSecond(), (n) => fixed(new A.DurationSecond(), pick(n, [1n, null, -1n, 0n]))],
  ["dur_ms", new A.DurationMillisecond(), (n) => fixed(new A.DurationMillisecond(), pick(n, [null, 1000n, 0n, 9223372036854775807n]))],
  ["dur_us", new A.DurationMicrosecond(), (n) => fixed(new A.DurationMicrosecond(), pick(n, [5n, 6n, null, 7n]))],
  ["dur_ns", new A.DurationNanosecond(), (n) => fixed(new A.DurationNanosecond(), pick(n, [-5n, null, 8n, 9n]))],
];

// The first n of the four sample values, rotated by n so that batches differ.
function pick(n, values) {
  return Array.from({ length: n }, (_, i) => values[(i + n) % values.length]);
}

function write(directory) {
  const schema = new A.Schema(
    fields.map(([name, type], i) => new A.Field(name, type, i % 5 !== 4, i % 3 === 0 ? new Map([["unit", `u${i}`], ["note", "é,\"x\""]]) : null)),
    new Map([["pandas", '{"index_columns": [], "columns": []}'], ["origin", "apache-arrow js"]]),
  );
  const batches = [4, 0, 3].map((n) => {
    const children = fields.map(([, , build]) => build(n));
    return new A.RecordBatch(schema, A.makeData({ type: new A.Struct(schema.fields), length: n, nullCount: 0, children }));
  });
  const table = new A.Table(schema, batches);
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, "reference.arrow"), A.tableToIPC(table, "file"));
  writeFileSync(join(directory, "reference.arrows"), A.tableToIPC(table, "stream"));
  return read(join(directory, "reference.arrow"));
}

const [command, path] = process.argv.slice(2);
if (command === "read" && path) {
  process.stdout.write(JSON.stringify(read(path)) + "\n");
} else if (command === "write" && path) {
  process.stdout.write(JSON.stringify(write(path)) + "\n");
} else {
  process.stderr.write("usage: node arrow-interop.mjs read <path> | write <directory>\n");
  process.exit(2);
}
