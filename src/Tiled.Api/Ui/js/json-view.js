// Collapsible JSON: objects and lists as <details>, open to the given depth.
export function jsonView(value, openDepth = 1, depth = 0) {
  if (value === null || typeof value !== 'object') {
    const leaf = document.createElement('span');
    leaf.className = `json-${value === null ? 'null' : typeof value}`;
    leaf.textContent = JSON.stringify(value);
    return leaf;
  }

  const entries = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  if (entries.length === 0) {
    const empty = document.createElement('span');
    empty.className = 'json-empty';
    empty.textContent = Array.isArray(value) ? '[]' : '{}';
    return empty;
  }

  const details = document.createElement('details');
  details.className = 'json';
  details.open = depth < openDepth;
  const summary = document.createElement('summary');
  summary.textContent = Array.isArray(value) ? `[${entries.length} items]` : `{${entries.length} keys}`;
  details.append(summary);
  const list = document.createElement('dl');
  for (const [key, child] of entries) {
    const term = document.createElement('dt');
    term.textContent = String(key);
    const description = document.createElement('dd');
    description.append(jsonView(child, openDepth, depth + 1));
    list.append(term, description);
  }
  details.append(list);
  return details;
}
