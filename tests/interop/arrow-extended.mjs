// Checks the Arrow types Tiled gained with Apache.Arrow (dictionary, decimal, list, struct) against
// apache-arrow (the JavaScript implementation).
//
//   node arrow-extended.mjs write <directory>
//       Writes extended.arrow (file format): a categorical (dictionary<int8, utf8>), a
//       decimal128(10, 2), a list<int32> and a struct<x: int32, y: utf8> column, with nulls.
//       Prints the rows as JSON (below).
//   node arrow-extended.mjs read <path>
//       Reads an Arrow IPC file or stream and prints its rows as JSON.
//
// Rows JSON: {"types": [pyarrow type names], "columns": {name: [value, ...]}} over all batches;
// dictionary values decoded, decimals as exact decimal text, lists as arrays, structs as objects.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as A from "apache-arrow";

function typeName(type) {
  switch (type.typeId) {
    case A.Type.Int:
      return `${type.isSigned ? "int" : "uint"}${type.bitWidth}`;
    case A.Type.Utf8:
      return "string";
    case A.Type.Decimal:
      return `decimal${type.bitWidth}(${type.precision}, ${type.scale})`;
    case A.Type.List:
      return `list<${type.children[0].name}: ${typeName(type.children[0].type)}>`;
    case A.Type.Struct:
      return `struct<${type.children.map((c) => `${c.name}: ${typeName(c.type)}`).join(", ")}>`;
    case A.Type.Dictionary:
      return `dictionary<values=${typeName(type.dictionary)}, indices=${typeName(type.indices)}, ordered=${type.isOrdered ? 1 : 0}>`;
    default:
      return `unsupported:${type}`;
  }
}

// Two's complement little-endian 32-bit words to decimal text at the given scale.
function decimalText(words, scale) {
  let unscaled = 0n;
  for (let i = words.length - 1; i >= 0; i--) unscaled = (unscaled << 32n) | BigInt(words[i] >>> 0);
  const bits = BigInt(words.length * 32);
  if (unscaled >> (bits - 1n)) unscaled -= 1n << bits;
  const negative = unscaled < 0n;
  let digits = (negative ? -unscaled : unscaled).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, "0");
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  }
  return (negative ? "-" : "") + digits;
}

function plain(type, value) {
  if (value === null || value === undefined) return null;
  switch (type.typeId) {
    case A.Type.Decimal:
      return decimalText(value, type.scale);
    case A.Type.List:
      return Array.from(value, (v) => plain(type.children[0].type, v));
    case A.Type.Struct:
      return Object.fromEntries(type.children.map((c) => [c.name, plain(c.type, value[c.name])]));
    case A.Type.Dictionary:
      return plain(type.dictionary, value);
    default:
      return typeof value === "bigint" ? value.toString() : value;
  }
}

function rows(table) {
  return {
    types: table.schema.fields.map((f) => typeName(f.type)),
    columns: Object.fromEntries(
      table.schema.fields.map((f, c) => {
        const vector = table.getChildAt(c);
        return [f.name, Array.from({ length: table.numRows }, (_, i) => plain(f.type, vector.get(i)))];
      }),
    ),
  };
}

function decimals(values) {
  const words = new Uint32Array(values.length * 4);
  values.forEach((v, i) => {
    let x = BigInt(v ?? 0);
    if (x < 0n) x += 1n << 128n;
    for (let w = 0; w < 4; w++) words[i * 4 + w] = Number((x >> BigInt(32 * w)) & 0xffffffffn);
  });
  const valid = values.map((v) => v !== null);
  const bitmap = new Uint8Array(1);
  valid.forEach((v, i) => { if (v) bitmap[0] |= 1 << i; });
  return A.makeData({
    type: new A.Decimal(2, 10, 128), length: values.length, nullCount: valid.filter((v) => !v).length, nullBitmap: bitmap, data: words,
  });
}

function write(directory) {
  const table = new A.Table({
    category: A.vectorFromArray(["red", "green", null, "red"], new A.Dictionary(new A.Utf8(), new A.Int8())),
    price: A.makeVector(decimals([12345n, -50n, null, 7n])),
    samples: A.vectorFromArray([[1, 2], [], null, [3]], new A.List(new A.Field("item", new A.Int32(), true))),
    point: A.vectorFromArray(
      [{ x: 1, y: "a" }, { x: null, y: "b" }, null, { x: 4, y: null }],
      new A.Struct([new A.Field("x", new A.Int32(), true), new A.Field("y", new A.Utf8(), true)]),
    ),
  });
  writeFileSync(join(directory, "extended.arrow"), A.tableToIPC(table, "file"));
  return rows(table);
}

function read(path) {
  return rows(A.tableFromIPC(readFileSync(path)));
}

const [command, path] = process.argv.slice(2);
const result = command === "write" ? write(path) : command === "read" ? read(path) : null;
if (result === null) {
  console.error("usage: node arrow-extended.mjs write <directory> | read <path>");
  process.exit(2);
}
process.stdout.write(JSON.stringify(result));
