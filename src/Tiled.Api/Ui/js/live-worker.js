// A live image's stream, off the page's main thread: the socket, the msgpack decoding and the
// striding of each frame to the shown plane happen here, so megabytes arriving never wait for the
// page's drawing and the page gets only the few values it shows. One frame is handed over at a
// time; what arrives meanwhile replaces the one waiting (newest wins, nothing queues).
import { session } from './api.js';
import { LiveStream } from './live.js';
import { stridePlane } from './image-frame.js';

let stream = null;
let plane = null; // { shape, dtype, base, steps }: what the page shows now
let waiting = null; // the newest message not yet handed over
let pageReady = true;
let skipped = 0;
let spare = null; // a values buffer the page gave back, reused for the next frame

function whole(message) {
  return message.type === 'array-data' && message.offset == null && message.block == null && plane !== null
    && message.shape.length === plane.shape.length && message.shape.every((n, d) => n === plane.shape[d]);
}

function handOver() {
  if (!pageReady || !waiting) return;
  const message = waiting;
  waiting = null;
  pageReady = false;
  if (!whole(message)) {
    // A region, a block, a reference or a new shape: the page reads what it shows over HTTP.
    postMessage({ kind: 'update', sequence: message.sequence, skipped });
    return;
  }

  const { shape, dtype, base, steps: [sy, sx] } = plane;
  const rows = shape[shape.length - 2];
  const cols = shape[shape.length - 1];
  const size = Math.ceil(rows / sy) * Math.ceil(cols / sx);
  const values = spare?.length === size ? spare : new Float64Array(size);
  spare = null;
  stridePlane(message.payload, dtype, base, rows, cols, sy, sx, values);
  postMessage({ kind: 'frame', sequence: message.sequence, values, plane, skipped }, [values.buffer]);
}

onmessage = ({ data }) => {
  if (data.kind === 'start') {
    session.key = data.key;
    plane = data.plane;
    stream = new LiveStream(data.path, {
      envelope: 'msgpack',
      resume: false,
      onMessage: (message) => {
        if (message.type !== 'array-data' && message.type !== 'array-ref') return;
        if (waiting) skipped += 1;
        waiting = message;
        handOver();
      },
      onResync: () => postMessage({ kind: 'resync' }),
      onStatus: (status) => postMessage({ kind: 'status', status }),
    });
    stream.start();
  } else if (data.kind === 'plane') {
    plane = data.plane;
  } else if (data.kind === 'ready') {
    spare = data.spare ?? null;
    pageReady = true;
    handOver();
  } else if (data.kind === 'drop') {
    stream?.socket?.close(4000, 'test'); // a lost connection, for tests
  } else if (data.kind === 'stop') {
    stream?.stop();
    setTimeout(close, 500); // time for the close frame to go out
  }
};
