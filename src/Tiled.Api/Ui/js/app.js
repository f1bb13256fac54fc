// The web view: sign-in, routing (#/path?offset=&q=), node pages and the Live switch.
import { ApiError, get, probe, session, setKey } from './api.js';
import { ArrayView } from './array-view.js';
import { ContainerView } from './container-view.js';
import { el } from './dom.js';
import { dtypeName } from './dtype.js';
import { jsonView } from './json-view.js';
import { LiveStream } from './live.js';
import { TableView } from './table-view.js';

const $ = (id) => document.getElementById(id);
let current = null; // { view, live }

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = !message;
}

function showSignIn(message = '') {
  teardown();
  $('main').replaceChildren();
  $('sign-in').hidden = false;
  $('sign-in-error').textContent = message;
  $('who').textContent = '';
  $('sign-out').hidden = true;
  $('search-form').hidden = true;
  $('api-key').focus();
}

async function signIn(event) {
  event.preventDefault();
  const key = $('api-key').value.trim();
  $('sign-in-error').textContent = 'Checking…';
  const result = await probe(key);
  if (!result.ok) {
    $('sign-in-error').textContent = result.status === 401 || result.status === 403
      ? `This API key was not accepted (${result.status}: ${result.detail}). Use the key the server printed at start-up or was given with --api-key.`
      : `Could not sign in: ${result.status ? `${result.status}: ` : ''}${result.detail}`;
    return;
  }
  setKey(key);
  $('api-key').value = '';
  started();
}

function started() {
  $('sign-in').hidden = true;
  $('who').textContent = session.key ? 'signed in with an API key' : 'public server (anonymous)';
  $('sign-out').hidden = !session.key;
  route();
}

async function boot() {
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', () => { setKey(null); showSignIn('Signed out.'); });
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('search').value.trim();
    location.hash = `#/${parse().path}${text ? `?q=${encodeURIComponent(text)}` : ''}`;
  });
  window.addEventListener('hashchange', () => { if ($('sign-in').hidden) route(); });
  if (session.key) {
    const saved = await probe(session.key);
    if (saved.ok) return started();
    setKey(null);
    return showSignIn(`The saved key is no longer accepted (${saved.status}: ${saved.detail}).`);
  }
  // A --public server answers without a key: no sign-in then.
  const anonymous = await probe(null);
  if (anonymous.ok) {
    session.anonymous = true;
    return started();
  }
  return showSignIn();
}

function parse() {
  const hash = decodeURIComponent(location.hash.replace(/^#\/?/, ''));
  const [path, search = ''] = hash.split('?');
  const params = new URLSearchParams(search);
  return { path: path.split('/').filter(Boolean).join('/'), offset: Number(params.get('offset') ?? 0) || 0, query: params.get('q') ?? '' };
}

function breadcrumb(path) {
  const parts = path ? path.split('/') : [];
  const nav = $('breadcrumb');
  nav.replaceChildren(el('a', { href: '#/' }, '/'));
  parts.forEach((part, i) => {
    nav.append(i ? ' / ' : ' ', el('a', { href: `#/${parts.slice(0, i + 1).join('/')}` }, part));
  });
}

function teardown() {
  current?.live?.stop();
  current = null;
}

async function route() {
  teardown();
  showError('');
  const { path, offset, query } = parse();
  breadcrumb(path);
  const main = $('main');
  main.replaceChildren(el('p', { class: 'note' }, 'Loading…'));
  try {
    const document = await get('metadata', path, { include_data_sources: 'true' });
    const node = { ...document.data, path };
    await renderNode(main, node, { offset, query });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return showSignIn(`The server no longer accepts the key (${e.detail}).`);
    main.replaceChildren();
    showError(e instanceof ApiError ? `${e.status}: ${e.detail}` : String(e));
  }
}

function section(title, content, open = false) {
  return el('details', { class: 'section', open }, el('summary', {}, title), content);
}

function structureTable(attributes) {
  const s = attributes.structure ?? {};
  const rows = Object.entries(s).filter(([k]) => k !== 'arrow_schema' && k !== 'contents')
    .map(([k, v]) => el('tr', {}, el('th', {}, k), el('td', {}, k === 'data_type' ? `${dtypeName(v)} ${JSON.stringify(v)}`
      : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))));
  return el('table', { class: 'structure', id: 'structure' }, el('tbody', {}, ...rows));
}

function liveBar(node, view) {
  const toggle = el('input', { type: 'checkbox', id: 'live-toggle' });
  // Enabled once the view has loaded what the stream's messages update (renderNode).
  toggle.disabled = true;
  const state = el('span', { id: 'live-state', class: 'state off' }, 'off');
  const sequence = el('span', { id: 'live-sequence' }, '–');
  const rate = el('span', { id: 'live-rate' }, '0.0 Hz');
  const note = el('span', { id: 'live-note', class: 'note' });
  toggle.addEventListener('change', () => {
    current?.live?.stop();
    if (!toggle.checked) { state.textContent = 'off'; state.className = 'state off'; return; }
    const family = node.attributes.structure_family;
    const onStatus = (status) => {
      state.textContent = status.state;
      state.className = `state ${status.state.replace(' ', '-')}`;
      sequence.textContent = status.sequence ?? '–';
      rate.textContent = `${status.rate.toFixed(1)} Hz`;
      note.textContent = status.note;
    };
    // Images are followed by a worker (ADR 0022); the rest by a stream on this thread.
    const live = view.frameStream?.(onStatus) ?? new LiveStream(node.path, {
      envelope: family === 'array' ? 'msgpack' : 'json',
      resume: family !== 'array',
      onMessage: (message) => view.onLive(message),
      onResync: () => view.resync(),
      onStatus,
    });
    current.live = live;
    window.tiledLive = live;
    view.onLiveStarted?.();
    live.start();
  });
  return el('div', { class: 'live-bar' },
    el('label', { class: 'switch' }, toggle, ' Live'), ' state ', state, ' · sequence ', sequence, ' · ', rate, ' ', note);
}

async function renderNode(main, node, options) {
  const attributes = node.attributes;
  const family = attributes.structure_family;
  const body = el('div', { class: 'view', id: 'view' });
  const View = { array: ArrayView, container: ContainerView, table: TableView }[family];
  const view = View ? new View(body, node, options) : null;
  current = { view, live: null };
  if (view) view.onStructure = (structure) => $('structure').replaceWith(structureTable({ ...attributes, structure }));
  $('search-form').hidden = family !== 'container';
  $('search').value = options.query;
  main.replaceChildren(
    el('h1', { class: 'node-title' }, node.id || '/', ' ', el('span', { class: 'family' }, family)),
    view ? liveBar(node, view) : '',
    el('div', { class: 'layout' },
      body,
      el('aside', {},
        section('Structure', structureTable(attributes), true),
        section('Metadata', jsonView(attributes.metadata ?? {}, 1), true),
        section('Specs', el('p', { id: 'specs' }, (attributes.specs ?? []).map((s) => s.version ? `${s.name} (${s.version})` : s.name).join(', ') || 'none')),
        section('Data sources', jsonView(attributes.data_sources ?? [], 2)))));
  if (!view) {
    body.append(el('p', { class: 'note' }, `This page cannot show ${family} nodes yet.`));
    return;
  }
  await view.load();
  const toggle = document.getElementById('live-toggle');
  if (toggle) toggle.disabled = false;
}

boot();
