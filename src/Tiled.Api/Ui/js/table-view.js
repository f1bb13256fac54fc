// Tables: columns with their Arrow types, rows paged in the page, and appended rows as they come
// (table-data messages in the JSON envelope carry the rows as {column: [values]}).
import { get } from './api.js';
import { schemaColumns } from './arrow-schema.js';
import { el } from './dom.js';

const pageSize = 50;

export class TableView {
  constructor(root, node) {
    this.root = root;
    this.node = node;
    this.structure = node.attributes.structure;
    this.offset = 0;
  }

  async load() {
    const types = schemaColumns(this.structure.arrow_schema);
    const columns = types ?? this.structure.columns.map((name) => ({ name, type: '?', nullable: true }));
    this.root.append(el('table', { class: 'columns', id: 'columns' },
      el('thead', {}, el('tr', {}, el('th', {}, 'column'), el('th', {}, 'type'), el('th', {}, 'nullable'))),
      el('tbody', {}, ...columns.map((c) => el('tr', {}, el('td', {}, c.name), el('td', {}, c.type), el('td', {}, c.nullable ? 'yes' : 'no'))))));
    this.partitions = [];
    for (let i = 0; i < this.structure.npartitions; i++) {
      this.partitions.push(await get('table/partition', this.node.path, { partition: i, format: 'json' }));
    }
    this.names = this.structure.columns;
    this.follow = el('input', { type: 'checkbox', id: 'follow-tail' });
    this.follow.addEventListener('change', () => this.render());
    this.previous = el('button', { type: 'button', id: 'rows-previous' }, '‹ previous');
    this.next = el('button', { type: 'button', id: 'rows-next' }, 'next ›');
    this.previous.addEventListener('click', () => { this.follow.checked = false; this.offset = Math.max(0, this.offset - pageSize); this.render(); });
    this.next.addEventListener('click', () => { this.follow.checked = false; this.offset += pageSize; this.render(); });
    this.position = el('span', { id: 'rows-position' });
    this.body = el('tbody', { id: 'rows' });
    this.root.append(
      el('div', { class: 'pager' }, this.previous, this.position, this.next, el('label', {}, this.follow, ' follow the tail')),
      el('table', { class: 'listing rows' }, el('thead', {}, el('tr', {}, el('th', {}, '#'), ...this.names.map((n) => el('th', {}, n)))), this.body));
    this.render();
  }

  rowCount() {
    return this.partitions.reduce((sum, p) => sum + this.length(p), 0);
  }

  length(partition) {
    const first = Object.values(partition ?? {})[0];
    return Array.isArray(first) ? first.length : 0;
  }

  /** Row i of the concatenated partitions as a list of cell values. */
  cells(index) {
    let i = index;
    for (const p of this.partitions) {
      const n = this.length(p);
      if (i < n) return this.names.map((name) => p[name]?.[i]);
      i -= n;
    }
    return [];
  }

  render() {
    const total = this.rowCount();
    if (this.follow.checked) this.offset = Math.max(0, total - pageSize);
    this.offset = Math.min(this.offset, Math.max(0, total - 1));
    const end = Math.min(total, this.offset + pageSize);
    this.body.replaceChildren(...Array.from({ length: end - this.offset }, (_, k) => {
      const index = this.offset + k;
      return el('tr', {}, el('td', { class: 'index' }, String(index)),
        ...this.cells(index).map((v) => el('td', {}, v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v))));
    }));
    this.position.textContent = ` rows ${total ? this.offset + 1 : 0}–${end} of ${total} `;
    this.previous.disabled = this.offset === 0;
    this.next.disabled = end >= total;
  }

  onLive(message) {
    if (message.type !== 'table-data') return;
    const rows = message.payload;
    if (!rows || typeof rows !== 'object' || rows instanceof Uint8Array) { this.resync(); return; }
    if (message.partition === null || message.partition === undefined) {
      this.partitions = [rows];
    } else if (message.append) {
      const target = this.partitions[message.partition] ?? {};
      for (const name of Object.keys(rows)) target[name] = [...(target[name] ?? []), ...rows[name]];
      this.partitions[message.partition] = target;
    } else {
      this.partitions[message.partition] = rows;
    }
    this.render();
  }

  async resync() {
    for (let i = 0; i < this.structure.npartitions; i++) {
      this.partitions[i] = await get('table/partition', this.node.path, { partition: i, format: 'json' });
    }
    this.render();
  }

  onLiveStarted() {
    this.follow.checked = true;
    this.render();
  }
}
