// Checks our MessagePack codec against @msgpack/msgpack, an independent implementation.
//
// Reads JSON requests from stdin, one per line, and answers each with one JSON line on stdout:
//   {"decode": "<hex>"}  -> {"value": <tagged>, "reencoded": "<hex>"}   or {"error": "..."}
//   {"encode": <tagged>} -> {"hex": "<hex>"}                              or {"error": "..."}
// "reencoded" is @msgpack/msgpack's encoding of the value it decoded, for byte-for-byte comparison.
//
// Tagged JSON stands for the MessagePack values that plain JSON cannot carry:
//   {"$bin": "<hex>"}                 bin
//   {"$int": "<decimal>"}             an integer beyond +/-(2^53 - 1)
//   {"$float": "NaN" | "Infinity" | "-Infinity" | "-0"}
//   {"$ts": {"sec": <int>, "nsec": <int>}}   timestamp (extension type -1)
// Integers and floats are otherwise plain JSON numbers (JavaScript cannot tell 2 from 2.0).

import { createInterface } from "node:readline";
import {
  Decoder,
  Encoder,
  ExtensionCodec,
  decodeTimestampToTimeSpec,
  encodeTimeSpecToTimestamp,
} from "@msgpack/msgpack";

class TimeSpec {
  constructor(sec, nsec) {
    this.sec = sec;
    this.nsec = nsec;
  }
}

const extensionCodec = new ExtensionCodec();
extensionCodec.register({
  type: -1,
  encode: (value) => (value instanceof TimeSpec ? encodeTimeSpecToTimestamp(value) : null),
  decode: (data) => {
    const { sec, nsec } = decodeTimestampToTimeSpec(data);
    return new TimeSpec(sec, nsec);
  },
});

// useBigInt64: uint64/int64 decode to bigint (no precision loss), and bigints encode as uint64/int64.
const decoder = new Decoder({ extensionCodec, useBigInt64: true });
const encoder = new Encoder({ extensionCodec, useBigInt64: true });

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

const toHex = (bytes) => Buffer.from(bytes).toString("hex");
const fromHex = (hex) => new Uint8Array(Buffer.from(hex, "hex"));

function tagInteger(value) {
  const big = BigInt(value);
  return big >= -MAX_SAFE && big <= MAX_SAFE ? Number(big) : { $int: big.toString() };
}

function toTagged(value) {
  if (value === null || value === undefined || typeof value === "boolean" || typeof value === "string") {
    return value ?? null;
  }
  if (typeof value === "bigint") {
    return tagInteger(value);
  }
  if (typeof value === "number") {
    if (Number.isNaN(value)) return { $float: "NaN" };
    if (value === Infinity) return { $float: "Infinity" };
    if (value === -Infinity) return { $float: "-Infinity" };
    if (Object.is(value, -0)) return { $float: "-0" };
    return value;
  }
  if (value instanceof Uint8Array) {
    return { $bin: toHex(value) };
  }
  if (value instanceof TimeSpec) {
    return { $ts: { sec: tagInteger(value.sec), nsec: value.nsec } };
  }
  if (Array.isArray(value)) {
    return value.map(toTagged);
  }
  const result = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] = toTagged(item);
  }
  return result;
}

// Safe integers outside the 32-bit ranges become bigints so that they encode as uint64/int64,
// which is their smallest form; inside them they stay numbers and get the smaller forms.
function toEncodable(integer) {
  const big = BigInt(integer);
  return big >= -(2n ** 31n) && big < 2n ** 32n ? Number(big) : big;
}

function fromTagged(value) {
  if (value === null || typeof value !== "object") {
    return typeof value === "number" && Number.isSafeInteger(value) ? toEncodable(value) : value;
  }
  if (Array.isArray(value)) {
    return value.map(fromTagged);
  }
  if ("$bin" in value) return fromHex(value.$bin);
  if ("$int" in value) return toEncodable(value.$int);
  if ("$float" in value) return Number(value.$float);
  if ("$ts" in value) return new TimeSpec(Number(BigInt(value.$ts.sec.$int ?? value.$ts.sec)), value.$ts.nsec);
  const result = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] = fromTagged(item);
  }
  return result;
}

function answer(request) {
  try {
    if ("decode" in request) {
      const value = decoder.decode(fromHex(request.decode));
      return { value: toTagged(value), reencoded: toHex(encoder.encode(value)) };
    }
    if ("encode" in request) {
      return { hex: toHex(encoder.encode(fromTagged(request.encode))) };
    }
    return { error: "request needs a 'decode' or an 'encode' member" };
  } catch (error) {
    return { error: String(error?.message ?? error) };
  }
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim().length > 0) {
    process.stdout.write(JSON.stringify(answer(JSON.parse(line))) + "\n");
  }
}
