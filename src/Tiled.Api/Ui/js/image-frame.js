// The hot path of a live image: one plane of a raw frame strided down to the screen, and values
// turned into RGBA pixels through a colour table. Both run once per frame drawn, so they avoid
// per-element calls and allocations.
import { elementReader, typedArrayFor } from './dtype.js';

/**
 * Plane `base` (element offset) of `bytes`, `rows` x `cols`, every `sy`-th row and `sx`-th column,
 * into `out` (a Float64Array of at least h * w, reused between frames); returns `out`.
 */
export function stridePlane(bytes, dtype, base, rows, cols, sy, sx, out) {
  const h = Math.ceil(rows / sy);
  const w = Math.ceil(cols / sx);
  const Typed = typedArrayFor(dtype);
  if (!Typed) {
    const at = elementReader(bytes, dtype);
    for (let r = 0; r < h; r++) {
      const start = base + r * sy * cols;
      for (let c = 0; c < w; c++) out[r * w + c] = at(start + c * sx);
    }
    return out;
  }

  const size = dtype.itemsize;
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const aligned = view.byteOffset % size === 0;
  // A msgpack payload may start at any byte: a misaligned row is copied to an aligned one first.
  const scratch = aligned ? null : new Uint8Array(cols * size);
  const scratchRow = aligned ? null : new Typed(scratch.buffer);
  for (let r = 0; r < h; r++) {
    const offset = view.byteOffset + (base + r * sy * cols) * size;
    let row;
    if (aligned) {
      row = new Typed(view.buffer, offset, cols);
    } else {
      scratch.set(new Uint8Array(view.buffer, offset, cols * size));
      row = scratchRow;
    }
    const at = r * w;
    for (let c = 0; c < w; c++) out[at + c] = row[c * sx];
  }
  return out;
}

/** The finite range of `values` (NaN and infinities left out); [0, 1] when there is none. */
export function finiteRange(values) {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo && v !== -Infinity) lo = v;
    if (v > hi && v !== Infinity) hi = v;
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 1];
}

const lutCache = new WeakMap();

/** A 256-entry RGB table as opaque RGBA pixels in the platform's byte order (Uint32 per colour). */
export function pixelTable(table) {
  let lut = lutCache.get(table);
  if (!lut) {
    lut = new Uint32Array(256);
    const bytes = new Uint8Array(lut.buffer);
    for (let k = 0; k < 256; k++) bytes.set([table[k * 3], table[k * 3 + 1], table[k * 3 + 2], 255], k * 4);
    lutCache.set(table, lut);
  }
  return lut;
}

/** Colours `values` into `pixels` (a Uint32Array over ImageData): lo -> 0, hi -> 255, NaN and infinities transparent. */
export function paint(values, lo, hi, lut, pixels) {
  const span = hi - lo;
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v - v !== 0) { pixels[i] = 0; continue; } // NaN or an infinity
    let k = span > 0 ? Math.round(((v - lo) / span) * 255) : (v > lo ? 255 : 0);
    k = k < 0 ? 0 : k > 255 ? 255 : k;
    pixels[i] = lut[k];
  }
}
