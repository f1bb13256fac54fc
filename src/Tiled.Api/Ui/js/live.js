// One node's WebSocket stream (protocol §9): first-message authentication, schema, updates,
// gap/reset notices, reconnection, and the figures the page shows (sequence, rate, state).
import { decode } from '../vendor/msgpack/index.mjs';
import { encodePath, session } from './api.js';

const rateWindowMs = 2000;

export class LiveStream {
  /**
   * @param {string} path node path
   * @param {object} options envelope ('msgpack' | 'json'); resume: reconnect from the last
   *   sequence + 1 (tables, containers) or live only, with onResync to redraw from REST (arrays);
   *   callbacks onMessage(msg), onResync(), onStatus(status).
   */
  constructor(path, { envelope = 'msgpack', resume = true, onMessage, onResync = () => {}, onStatus = () => {} }) {
    Object.assign(this, { path, envelope, resume, onMessage, onResync, onStatus });
    this.lastSequence = null;
    this.state = 'connecting';
    this.states = ['connecting'];
    this.note = '';
    this.arrivals = [];
    this.attempt = 0;
    this.stopped = false;
    this.timer = setInterval(() => this.report(), 250);
  }

  start() {
    this.connect(null);
  }

  stop() {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.idle);
    clearTimeout(this.retry);
    if (this.socket) this.socket.close(1000, 'Live switched off');
    this.setState('off');
  }

  connect(start) {
    const query = new URLSearchParams({ envelope_format: this.envelope });
    if (start !== null) query.set('start', String(start));
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/api/v1/stream/single/${encodePath(this.path)}?${query}`);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    this.schema = null;
    this.catchingUp = start !== null;
    // Browsers cannot set headers on a WebSocket: the key goes in the first message (protocol §9.4).
    socket.onopen = () => {
      if (session.key) socket.send(JSON.stringify({ type: 'auth', api_key: session.key }));
    };
    socket.onmessage = (event) => {
      if (socket !== this.socket) return;
      const message = typeof event.data === 'string' ? JSON.parse(event.data) : decode(new Uint8Array(event.data));
      this.handle(message);
    };
    socket.onclose = (event) => {
      if (socket === this.socket) this.closed(event);
    };
  }

  handle(message) {
    if (!this.schema) {
      this.schema = message;
      this.attempt = 0;
      this.setState(this.catchingUp ? 'catching up' : 'live');
      if (this.catchingUp) this.armIdle();
      return;
    }

    if (message.type === 'gap' || message.type === 'reset') {
      this.note = message.type === 'gap'
        ? `updates ${message.sequence_from}–${message.sequence_to} are no longer retained`
        : `the stream restarted its numbering (was ${message.previous_sequence})`;
      this.gapUntil = performance.now() + 3000;
      if (message.type === 'reset') this.lastSequence = null;
      this.setState('gap');
      this.onResync();
      return;
    }

    if (typeof message.sequence === 'number') this.lastSequence = message.sequence;
    this.arrivals.push(performance.now());
    if (this.catchingUp) {
      const age = Date.now() - Date.parse(message.timestamp);
      if (Number.isFinite(age) && age < 2000) this.caughtUp();
      else this.armIdle();
    } else if (this.state === 'gap' && performance.now() > this.gapUntil) {
      this.setState('live');
    }

    this.onMessage(message);
    this.report();
  }

  armIdle() {
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.caughtUp(), 300);
  }

  caughtUp() {
    clearTimeout(this.idle);
    if (!this.catchingUp) return;
    this.catchingUp = false;
    this.setState('live');
  }

  closed(event) {
    clearTimeout(this.idle);
    if (this.stopped) return;
    if (event.code === 1000 || event.code === 1001) {
      this.note = event.reason || 'the producer ended the stream';
      this.setState('closed');
      return;
    }

    if (event.code === 4001 || event.code === 4003) {
      this.note = `the server refused the key on the stream (${event.code} ${event.reason})`;
      this.setState('failed');
      return;
    }

    this.attempt += 1;
    const delay = Math.min(500 * 2 ** (this.attempt - 1), 5000);
    this.note = `connection lost (${event.code}${event.reason ? ` ${event.reason}` : ''}); retrying in ${delay / 1000} s`;
    this.setState('reconnecting');
    this.retry = setTimeout(() => {
      // Tables and containers resume where they stopped (nothing is missed while retained);
      // arrays only need the newest frame: go live and redraw from the server.
      if (this.resume && this.lastSequence !== null) {
        this.connect(this.lastSequence + 1);
      } else {
        this.connect(null);
        this.onResync();
      }
    }, delay);
  }

  setState(state) {
    if (state !== this.state) {
      this.states.push(state); // the states passed through, for tests and diagnostics
      if (this.states.length > 100) this.states.shift();
    }
    this.state = state;
    if (state === 'live') this.note = '';
    this.report();
  }

  /** Updates per second over the last two seconds. */
  rate() {
    const now = performance.now();
    while (this.arrivals.length && now - this.arrivals[0] > rateWindowMs) this.arrivals.shift();
    return this.arrivals.length / (rateWindowMs / 1000);
  }

  report() {
    this.onStatus({ state: this.state, sequence: this.lastSequence, rate: this.rate(), note: this.note });
  }
}
