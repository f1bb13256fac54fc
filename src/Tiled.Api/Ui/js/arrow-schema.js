// Column names and types from a table structure's arrow_schema: base64 of one encapsulated Arrow
// IPC schema message (protocol §4.2). Reads just the FlatBuffers fields it needs.
const prefix = 'data:application/vnd.apache.arrow.file;base64,';
const units = ['s', 'ms', 'us', 'ns'];

class Table {
  constructor(view, position) {
    this.view = view;
    this.position = position;
    this.vtable = position - view.getInt32(position, true);
  }

  offset(field) {
    const size = this.view.getUint16(this.vtable, true);
    return 4 + 2 * field < size ? this.view.getUint16(this.vtable + 4 + 2 * field, true) : 0;
  }

  scalar(field, read, fallback) {
    const o = this.offset(field);
    return o ? read(this.position + o) : fallback;
  }

  target(field) {
    const o = this.offset(field);
    if (!o) return null;
    const at = this.position + o;
    return at + this.view.getUint32(at, true);
  }

  table(field) {
    const at = this.target(field);
    return at === null ? null : new Table(this.view, at);
  }

  string(field) {
    const at = this.target(field);
    if (at === null) return null;
    const length = this.view.getUint32(at, true);
    return new TextDecoder().decode(new Uint8Array(this.view.buffer, at + 4, length));
  }

  tables(field) {
    const at = this.target(field);
    if (at === null) return [];
    const count = this.view.getUint32(at, true);
    return Array.from({ length: count }, (_, i) => {
      const element = at + 4 + 4 * i;
      return new Table(this.view, element + this.view.getUint32(element, true));
    });
  }
}

function typeName(kind, type) {
  const short = (f, d) => (type ? type.scalar(f, (p) => type.view.getInt16(p, true), d) : d);
  switch (kind) {
    case 1: return 'null';
    case 2: {
      const bits = type.scalar(0, (p) => type.view.getInt32(p, true), 0);
      const signed = type.scalar(1, (p) => type.view.getUint8(p) !== 0, false);
      return `${signed ? 'int' : 'uint'}${bits}`;
    }
    case 3: return ['float16', 'float32', 'float64'][short(0, 0)];
    case 4: return 'binary';
    case 5: return 'string';
    case 6: return 'bool';
    case 7: return 'decimal';
    case 8: return short(0, 1) === 0 ? 'date32[day]' : 'date64[ms]';
    case 9: return `time[${units[short(0, 1)]}]`;
    case 10: {
      const zone = type.string(1);
      return `timestamp[${units[short(0, 0)]}${zone ? `, tz=${zone}` : ''}]`;
    }
    case 18: return `duration[${units[short(0, 1)]}]`;
    case 19: return 'large_binary';
    case 20: return 'large_string';
    default: return `arrow type ${kind}`;
  }
}

/** [{name, type, nullable}] or null when the schema cannot be read. */
export function schemaColumns(arrowSchema) {
  try {
    if (!arrowSchema?.startsWith(prefix)) return null;
    const bytes = Uint8Array.from(atob(arrowSchema.slice(prefix.length)), (c) => c.charCodeAt(0));
    const view = new DataView(bytes.buffer);
    const start = view.getUint32(0, true) === 0xffffffff ? 8 : 4;
    const root = start + view.getUint32(start, true);
    const message = new Table(view, root);
    const schema = message.table(2);
    return schema.tables(1).map((field) => ({
      name: field.string(0),
      nullable: field.scalar(1, (p) => view.getUint8(p) !== 0, false),
      type: typeName(field.scalar(2, (p) => view.getUint8(p), 0), field.table(3)),
    }));
  } catch {
    return null;
  }
}
