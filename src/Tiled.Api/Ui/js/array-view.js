// Arrays: 1-d line plot (uPlot), 2-d image with a colour map, N-d with sliders for the leading
// dimensions. Large arrays are read as a strided slice sized to the screen. Live updates keep only
// the newest frame: whatever arrives while a frame is drawn replaces the pending one.
import uPlot from '../vendor/uplot/uPlot.esm.js';
import { get } from './api.js';
import { colormaps } from './colormaps.js';
import { canShow, decodeArray, dtypeName, elementReader } from './dtype.js';
import { finiteRange, paint, pixelTable, stridePlane } from './image-frame.js';
import { FrameStream } from './live-frames.js';
import { el } from './dom.js';

const maxPlotPoints = 4000;

function strides(shape) {
  const out = new Array(shape.length).fill(1);
  for (let d = shape.length - 2; d >= 0; d--) out[d] = out[d + 1] * shape[d + 1];
  return out;
}

export class ArrayView {
  constructor(root, node) {
    this.root = root;
    this.node = node;
    this.structure = node.attributes.structure;
    this.pending = null;
    this.busy = false;
    this.drawn = 0;
    this.skipped = 0;
    this.drawMs = 0; // time spent drawing frames from the stream
    this.draws = [];
    window.tiledDraws = this.draws; // draw times by sequence, read by the measurements
    window.tiledArrayView = this;
  }

  async load() {
    const { shape, data_type: dtype } = this.structure;
    if (!canShow(dtype)) {
      this.root.append(el('p', { class: 'note' }, `Data type ${dtypeName(dtype)} has no picture here; use the API to read it.`));
      return;
    }

    this.info = el('p', { id: 'array-info', class: 'note' });
    if (shape.length === 0) {
      this.scalar = el('p', { id: 'scalar', class: 'scalar' });
      this.root.append(this.scalar, this.info);
    } else if (shape.length === 1) {
      this.plotBox = el('div', { id: 'plot', class: 'plot' });
      this.root.append(this.plotBox, this.info);
    } else {
      this.buildImageControls();
    }

    await this.refresh();
  }

  buildImageControls() {
    const { shape } = this.structure;
    this.index = shape.slice(0, -2).map(() => 0);
    const sliders = el('div', { class: 'sliders' });
    this.index.forEach((_, d) => {
      const label = el('span', {}, `dim ${d}: 0 / ${shape[d] - 1}`);
      const slider = el('input', { type: 'range', min: 0, max: Math.max(shape[d] - 1, 0), value: 0, id: `dim-${d}` });
      slider.addEventListener('input', () => {
        this.index[d] = Number(slider.value);
        label.textContent = `dim ${d}: ${slider.value} / ${shape[d] - 1}`;
        this.full = null;
        this.frames?.setPlane(this.plane());
        this.refresh();
      });
      sliders.append(el('label', { class: 'slider' }, label, slider));
    });
    this.colormap = el('select', { id: 'colormap' }, el('option', { value: 'viridis' }, 'viridis'), el('option', { value: 'grey' }, 'grey'));
    this.auto = el('input', { type: 'checkbox', id: 'auto-contrast', checked: true });
    this.min = el('input', { type: 'number', id: 'min', step: 'any', size: 8 });
    this.max = el('input', { type: 'number', id: 'max', step: 'any', size: 8 });
    for (const input of [this.min, this.max]) {
      input.addEventListener('change', () => { this.auto.checked = false; this.redraw(); });
    }
    this.colormap.addEventListener('change', () => this.redraw());
    this.auto.addEventListener('change', () => this.redraw());
    this.canvas = el('canvas', { id: 'image', class: 'image' });
    this.pixel = el('p', { id: 'pixel', class: 'note' }, 'Point at the image for a value.');
    this.canvas.addEventListener('mousemove', (event) => this.showPixel(event));
    const controls = el('div', { class: 'controls' },
      el('label', {}, 'colour map ', this.colormap),
      el('label', {}, this.auto, ' auto contrast'),
      el('label', {}, 'min ', this.min), el('label', {}, 'max ', this.max));
    this.root.append(sliders, controls, this.canvas, this.pixel, this.info);
  }

  /** Strides that bring the last two dimensions (or the one) down to about the screen's pixels. */
  steps() {
    const { shape } = this.structure;
    // The view's width is read once (reading it forces a layout); a new page visit reads it again.
    this.screenWidth ??= Math.max(256, Math.min(2048, Math.round((this.root.clientWidth || 800) * (window.devicePixelRatio || 1))));
    const width = this.screenWidth;
    if (shape.length === 1) return [Math.max(1, Math.ceil(shape[0] / maxPlotPoints))];
    const rows = shape[shape.length - 2];
    const cols = shape[shape.length - 1];
    return [Math.max(1, Math.ceil(rows / width)), Math.max(1, Math.ceil(cols / width))];
  }

  /** Reads what is shown from the server: the leading indices and a strided slice of the rest. */
  async refresh(sequence = null) {
    const { shape, data_type: dtype } = this.structure;
    const steps = this.steps();
    let slice;
    if (shape.length === 0) slice = undefined;
    else if (shape.length === 1) slice = steps[0] > 1 ? `::${steps[0]}` : undefined;
    else slice = [...this.index, ...steps.map((s) => (s > 1 ? `::${s}` : ':'))].join(',');
    const bytes = await get('array/full', this.node.path, { slice }, 'application/octet-stream');
    this.show(decodeArray(bytes, dtype), steps, sequence);
  }

  /** A full frame from the stream: pick the shown plane and stride it here, as the server would. */
  fromPayload(payload, sequence) {
    const { shape, data_type: dtype } = this.structure;
    const at = elementReader(payload, dtype);
    const steps = this.steps();
    if (shape.length === 0) return this.show([at(0)], steps, sequence);
    if (shape.length === 1) {
      const [step] = steps;
      const out = new Float64Array(Math.ceil(shape[0] / step));
      for (let i = 0; i < out.length; i++) out[i] = at(i * step);
      return this.show(out, steps, sequence);
    }

    const st = strides(shape);
    const base = this.index.reduce((sum, i, d) => sum + i * st[d], 0);
    const rows = shape[shape.length - 2];
    const cols = shape[shape.length - 1];
    const [sy, sx] = steps;
    const size = Math.ceil(rows / sy) * Math.ceil(cols / sx);
    // One buffer for the frames of the stream, overwritten by each (the newest is all that is shown).
    if (this.frame?.length !== size) this.frame = new Float64Array(size);
    return this.show(stridePlane(payload, dtype, base, rows, cols, sy, sx, this.frame), steps, sequence);
  }

  show(values, steps, sequence) {
    const { shape } = this.structure;
    this.values = values;
    this.shownSteps = steps;
    if (shape.length === 0) this.scalar.textContent = String(values[0]);
    else if (shape.length === 1) this.plot(values, steps[0]);
    else this.redraw();
    this.drawn += 1;
    if (sequence !== null) {
      this.draws.push({ sequence, at: performance.timeOrigin + performance.now() });
      if (this.draws.length > 10000) this.draws.splice(0, 5000);
      this.root.dataset.drawnSequence = String(sequence);
    }
    const strideNote = steps.some((s) => s > 1) ? `, shown every ${steps.join(' x ')} elements` : '';
    this.info.textContent = `shape [${shape.join(', ')}], ${dtypeName(this.structure.data_type)}${strideNote}; frames drawn ${this.drawn}, skipped ${this.skipped}`;
  }

  plot(values, step) {
    const xs = Array.from({ length: values.length }, (_, i) => i * step);
    const ys = Array.from(values);
    const width = Math.max(300, (this.root.clientWidth || 800) - 20);
    if (!this.chart) {
      this.chart = new uPlot({
        width, height: 320, scales: { x: { time: false } },
        series: [{ label: 'index' }, { label: 'value', stroke: '#1f6fb4', width: 1.5 }],
      }, [xs, ys], this.plotBox);
    } else {
      this.chart.setData([xs, ys]);
    }
    this.plotBox.dataset.points = String(values.length);
    this.plotBox.dataset.last = String(values[values.length - 1]);
  }

  redraw() {
    const values = this.values;
    if (!values) return;
    const { shape } = this.structure;
    const [sy, sx] = this.shownSteps;
    const h = Math.ceil(shape[shape.length - 2] / sy);
    const w = Math.ceil(shape[shape.length - 1] / sx);
    let lo = Number(this.min.value);
    let hi = Number(this.max.value);
    if (this.auto.checked || this.min.value === '' || this.max.value === '') {
      [lo, hi] = finiteRange(values);
      this.min.value = String(lo);
      this.max.value = String(hi);
    }

    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
      this.image = null;
      // Shown as large as fits (small arrays are enlarged, pixels kept square).
      const scale = Math.min(Math.min(this.root.clientWidth || 768, 768) / w, Math.min(window.innerHeight * 0.75, 768) / h);
      this.canvas.style.width = `${w * scale}px`;
      this.canvas.style.height = `${h * scale}px`;
    }
    this.context ??= this.canvas.getContext('2d');
    if (!this.image) {
      this.image = this.context.createImageData(w, h);
      this.pixels = new Uint32Array(this.image.data.buffer);
    }
    paint(values, lo, hi, pixelTable(colormaps[this.colormap.value]), this.pixels);
    this.context.putImageData(this.image, 0, 0);
  }

  showPixel(event) {
    if (!this.values) return;
    const box = this.canvas.getBoundingClientRect();
    const c = Math.floor(((event.clientX - box.left) / box.width) * this.canvas.width);
    const r = Math.floor(((event.clientY - box.top) / box.height) * this.canvas.height);
    if (r < 0 || c < 0 || r >= this.canvas.height || c >= this.canvas.width) return;
    const [sy, sx] = this.shownSteps;
    const where = [...this.index, r * sy, c * sx].join(', ');
    this.pixel.textContent = `[${where}] = ${this.values[r * this.canvas.width + c]}`;
  }

  /** A stream message: keep it as the newest and draw when the page is free. */
  onLive(message) {
    if (message.type !== 'array-data' && message.type !== 'array-ref') return;
    const { shape } = this.structure;
    const whole = message.type === 'array-data' && message.offset == null && message.block == null
      && message.shape.length === shape.length && message.shape.every((n, d) => n === shape[d]);
    if (this.pending) this.skipped += 1;
    this.pending = { sequence: message.sequence, payload: whole ? message.payload : null };
    this.schedule();
  }

  /** Redraw from the server (after a gap or a reconnection). */
  resync() {
    this.pending = { sequence: null, payload: null };
    this.schedule();
  }

  schedule() {
    if (this.busy || this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => { this.scheduled = false; this.drawPending(); });
  }

  async drawPending() {
    if (this.busy || !this.pending) return;
    const next = this.pending;
    this.pending = null;
    this.busy = true;
    let spare = null;
    try {
      if (next.values || next.payload) {
        const began = performance.now();
        if (next.values) {
          // The values shown until now go back to the worker to be filled again.
          spare = this.values === this.fromWorker ? this.values : null;
          this.fromWorker = next.values;
          this.show(next.values, this.steps(), next.sequence);
        } else {
          this.fromPayload(next.payload, next.sequence);
        }
        this.drawMs += performance.now() - began;
      } else {
        // A region, a block or a grown array: read the shown part again (and the new shape).
        const document = await get('metadata', this.node.path);
        this.structure = document.data.attributes.structure;
        this.onStructure?.(this.structure);
        this.frames?.setPlane(this.plane());
        await this.refresh(next.sequence);
      }
    } finally {
      this.busy = false;
      this.frames?.ready(spare);
      if (this.pending) this.schedule();
    }
  }

  /** What an image shows: the leading indices' plane of the last two dimensions, strided. */
  plane() {
    const { shape, data_type: dtype } = this.structure;
    const st = strides(shape);
    return { shape, dtype, base: this.index.reduce((sum, i, d) => sum + i * st[d], 0), steps: this.steps() };
  }

  /** For an image, a stream followed by a worker that hands over strided frames (live-worker.js); else null. */
  frameStream(onStatus) {
    if (!this.canvas) return null;
    let replaced = 0; // handed over but replaced here before they were drawn (after a resync)
    const counts = (skipped) => { if (this.pending) replaced += 1; this.skipped = skipped + replaced; };
    this.frames = new FrameStream(this.node.path, this.plane(), {
      onFrame: ({ sequence, values, plane, skipped }) => {
        counts(skipped);
        // A frame strided for a plane no longer shown is read again over HTTP instead.
        const current = this.plane();
        const same = plane.base === current.base && plane.steps.join() === current.steps.join() && plane.shape.join() === current.shape.join();
        this.pending = same ? { sequence, values } : { sequence, payload: null };
        this.schedule();
      },
      onUpdate: (sequence, skipped) => {
        counts(skipped);
        this.pending = { sequence, payload: null };
        this.schedule();
      },
      onResync: () => this.resync(),
      onStatus,
    });
    return this.frames;
  }
}
