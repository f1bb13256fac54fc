// Containers: a page of children (page[offset]/page[limit]), full-text search, and children
// created while the page is open (container-child-created).
import { get } from './api.js';
import { el } from './dom.js';
import { dtypeName } from './dtype.js';

const pageSize = 50;

function summary(attributes) {
  const s = attributes.structure;
  if (!s) return '';
  switch (attributes.structure_family) {
    case 'array': return `[${s.shape.join(', ')}] ${dtypeName(s.data_type)}`;
    case 'table': return `${s.columns.length} columns, ${s.npartitions} partition${s.npartitions === 1 ? '' : 's'}`;
    case 'container': return `${s.count ?? '?'} children`;
    default: return '';
  }
}

export class ContainerView {
  constructor(root, node, { offset = 0, query = '' }) {
    this.root = root;
    this.node = node;
    this.offset = offset;
    this.query = query;
  }

  link(key) {
    return `#/${[this.node.path, key].filter(Boolean).join('/')}`;
  }

  href(offset) {
    const params = new URLSearchParams();
    if (offset) params.set('offset', String(offset));
    if (this.query) params.set('q', this.query);
    const text = params.toString();
    return `#/${this.node.path}${text ? `?${text}` : ''}`;
  }

  async load() {
    const query = { 'page[offset]': this.offset, 'page[limit]': pageSize };
    if (this.query) query['filter[fulltext][condition][text]'] = this.query;
    const page = await get('search', this.node.path, query);
    this.count = page.meta.count;
    this.rows = el('tbody', { id: 'children' });
    for (const item of page.data) this.rows.append(this.row(item.id, item.attributes));
    this.position = el('span', { id: 'page-position' });
    const previous = el('a', { id: 'previous-page', href: this.href(Math.max(0, this.offset - pageSize)) }, '‹ previous');
    const next = el('a', { id: 'next-page', href: this.href(this.offset + pageSize) }, 'next ›');
    previous.hidden = this.offset === 0;
    next.hidden = !page.links?.next;
    this.shown = page.data.length;
    this.updatePosition();
    const heading = this.query ? el('p', { class: 'note' }, `Children matching “${this.query}” (full text). `, el('a', { href: `#/${this.node.path}` }, 'show all')) : null;
    this.root.append(heading ?? '', el('div', { class: 'pager' }, previous, this.position, next),
      el('table', { class: 'listing' },
        el('thead', {}, el('tr', {}, el('th', {}, 'key'), el('th', {}, 'family'), el('th', {}, 'structure'), el('th', {}, 'specs'))),
        this.rows));
  }

  updatePosition() {
    const first = this.shown ? this.offset + 1 : 0;
    this.position.textContent = ` ${first}–${this.offset + this.shown} of ${this.count} `;
  }

  row(key, attributes) {
    return el('tr', { 'data-key': key },
      el('td', {}, el('a', { href: this.link(key) }, key)),
      el('td', {}, attributes.structure_family ?? ''),
      el('td', {}, summary(attributes)),
      el('td', {}, (attributes.specs ?? []).map((s) => s.name).join(', ')));
  }

  onLive(message) {
    if (message.type !== 'container-child-created' || this.query) return;
    this.count += 1;
    // A new child comes last in the default order: show it when this is the last page with room.
    if (this.offset + this.shown === this.count - 1 && this.shown < pageSize) {
      const attributes = { structure_family: message.structure_family, specs: message.specs, structure: message.data_sources?.[0]?.structure ?? (message.structure_family === 'container' ? { count: 0 } : null) };
      const row = this.row(message.key, attributes);
      row.classList.add('new');
      this.rows.append(row);
      this.shown += 1;
    }
    this.updatePosition();
  }

  resync() {}
}
