// The page's side of live-worker.js: starts the worker with the key and the shown plane, relays
// its status reports as LiveStream's onStatus would, and hands frames to the view one at a time.
import { session } from './api.js';

export class FrameStream {
  /** callbacks: onFrame({ sequence, values, plane, skipped }), onUpdate(sequence, skipped), onResync(), onStatus(status). */
  constructor(path, plane, { onFrame, onUpdate, onResync, onStatus }) {
    Object.assign(this, { path, plane, onFrame, onUpdate, onResync, onStatus });
    this.state = 'connecting';
    this.states = ['connecting'];
  }

  start() {
    this.worker = new Worker(new URL('./live-worker.js', import.meta.url), { type: 'module' });
    this.worker.onmessage = ({ data }) => {
      if (this.stopped) return;
      if (data.kind === 'frame') this.onFrame(data);
      else if (data.kind === 'update') this.onUpdate(data.sequence, data.skipped);
      else if (data.kind === 'resync') this.onResync();
      else if (data.kind === 'status') this.status(data.status);
    };
    this.worker.postMessage({ kind: 'start', path: this.path, key: session.key, plane: this.plane });
  }

  stop() {
    this.stopped = true;
    this.worker?.postMessage({ kind: 'stop' });
    this.status({ state: 'off', sequence: null, rate: 0, note: '' }, true);
  }

  /** The page shows another plane (a slider moved, the array grew). */
  setPlane(plane) {
    this.plane = plane;
    this.worker?.postMessage({ kind: 'plane', plane });
  }

  /** The page is done with the frame it was given; `spare` (values it no longer shows) may be reused. */
  ready(spare) {
    this.worker?.postMessage({ kind: 'ready', spare }, spare ? [spare.buffer] : []);
  }

  /** Drops the connection as a network failure would (tests). */
  drop() {
    this.worker?.postMessage({ kind: 'drop' });
  }

  status(status, stopping = false) {
    if (this.stopped && !stopping) return;
    if (status.state !== this.state) {
      this.states.push(status.state);
      if (this.states.length > 100) this.states.shift();
    }
    this.state = status.state;
    this.onStatus(status);
  }
}
