// Decoding raw C-order array bytes (application/octet-stream, array-data payloads) into numbers.

function half(bits) {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

const readers = {
  b1: (v, o) => v.getUint8(o),
  i1: (v, o) => v.getInt8(o),
  u1: (v, o) => v.getUint8(o),
  i2: (v, o, le) => v.getInt16(o, le),
  u2: (v, o, le) => v.getUint16(o, le),
  i4: (v, o, le) => v.getInt32(o, le),
  u4: (v, o, le) => v.getUint32(o, le),
  i8: (v, o, le) => Number(v.getBigInt64(o, le)),
  u8: (v, o, le) => Number(v.getBigUint64(o, le)),
  f2: (v, o, le) => half(v.getUint16(o, le)),
  f4: (v, o, le) => v.getFloat32(o, le),
  f8: (v, o, le) => v.getFloat64(o, le),
  c8: (v, o, le) => Math.hypot(v.getFloat32(o, le), v.getFloat32(o + 4, le)),
  c16: (v, o, le) => Math.hypot(v.getFloat64(o, le), v.getFloat64(o + 8, le)),
  M8: (v, o, le) => Number(v.getBigInt64(o, le)),
  m8: (v, o, le) => Number(v.getBigInt64(o, le)),
};

const typed = { i1: Int8Array, u1: Uint8Array, b1: Uint8Array, i2: Int16Array, u2: Uint16Array, i4: Int32Array, u4: Uint32Array, f4: Float32Array, f8: Float64Array };

export function dtypeName(dtype) {
  if (dtype.fields) return `struct (${dtype.itemsize} bytes)`;
  const order = dtype.endianness === 'big' ? '>' : dtype.endianness === 'little' ? '<' : '|';
  return `${order}${dtype.kind}${dtype.kind === 'U' ? dtype.itemsize / 4 : dtype.itemsize}${dtype.dt_units ?? ''}`;
}

export function canShow(dtype) {
  return !dtype.fields && `${dtype.kind}${dtype.itemsize}` in readers;
}

/** Bytes (ArrayBuffer or Uint8Array) -> an indexable array of numbers (complex: magnitude). */
export function decodeArray(bytes, dtype) {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const code = `${dtype.kind}${dtype.itemsize}`;
  const little = dtype.endianness !== 'big';
  const count = Math.floor(view.byteLength / dtype.itemsize);
  const Typed = typed[code];
  if (Typed && (little || dtype.itemsize === 1)) {
    const aligned = view.byteOffset % dtype.itemsize === 0 ? view : view.slice();
    return new Typed(aligned.buffer, aligned.byteOffset, count);
  }

  const read = readers[code];
  const data = new DataView(view.buffer, view.byteOffset, view.byteLength);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = read(data, i * dtype.itemsize, little);
  return out;
}

/** The typed array that reads `dtype` in place (little-endian or single bytes), or null. */
export function typedArrayFor(dtype) {
  const Typed = typed[`${dtype.kind}${dtype.itemsize}`];
  return Typed && (dtype.endianness !== 'big' || dtype.itemsize === 1) ? Typed : null;
}

/**
 * Element i of the raw bytes as a number, without copying them: a typed-array view when the bytes
 * are aligned and little-endian, else DataView reads (a msgpack payload starts anywhere).
 */
export function elementReader(bytes, dtype) {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const code = `${dtype.kind}${dtype.itemsize}`;
  const little = dtype.endianness !== 'big';
  const Typed = typed[code];
  if (Typed && (little || dtype.itemsize === 1) && view.byteOffset % dtype.itemsize === 0) {
    const array = new Typed(view.buffer, view.byteOffset, Math.floor(view.byteLength / dtype.itemsize));
    return (i) => array[i];
  }
  const data = new DataView(view.buffer, view.byteOffset, view.byteLength);
  const size = dtype.itemsize;
  if (code === 'f4') return (i) => data.getFloat32(i * 4, little);
  if (code === 'f8') return (i) => data.getFloat64(i * 8, little);
  const read = readers[code];
  return (i) => read(data, i * size, little);
}
