// Plain SVG charts (no chart library to fetch or pin): horizontal bars with an optional target line,
// and a small line chart for trends. Every chart has a title and a text alternative.
const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}

/** rows: [{label, value}] (value null = no data); max: the axis end; target: a line at that value. */
export function barChart({ title, rows, max, target, format = String, color = '#0b5cad' }) {
  const rowH = 30, labelW = 170, width = 560, barW = width - labelW - 70;
  const height = Math.max(rows.length, 1) * rowH + 30;
  const top = max || Math.max(1, ...rows.map((r) => r.value || 0));
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': `${title}: ${rows.map((r) => `${r.label} ${r.value == null ? '—' : format(r.value)}`).join('；')}` });
  root.append(svg('title', {}, title));
  rows.forEach((r, i) => {
    const y = 10 + i * rowH;
    root.append(svg('text', { x: labelW - 8, y: y + 18, 'text-anchor': 'end', 'font-size': 14, fill: '#10233d' }, r.label.length > 11 ? `${r.label.slice(0, 10)}…` : r.label));
    root.append(svg('rect', { x: labelW, y: y + 4, width: barW, height: 20, fill: '#e6ecf3', rx: 3 }));
    if (r.value) root.append(svg('rect', { x: labelW, y: y + 4, width: Math.max(2, (barW * Math.min(r.value, top)) / top), height: 20, fill: r.color || color, rx: 3 }));
    root.append(svg('text', { x: labelW + barW + 6, y: y + 19, 'font-size': 14, fill: '#10233d' }, r.value == null ? '—' : format(r.value)));
  });
  if (target != null) {
    const x = labelW + (barW * target) / top;
    root.append(svg('line', { x1: x, x2: x, y1: 4, y2: height - 18, stroke: '#b3261e', 'stroke-width': 2, 'stroke-dasharray': '5 3' }));
    root.append(svg('text', { x, y: height - 4, 'text-anchor': 'middle', 'font-size': 12, fill: '#b3261e' }, format(target)));
  }
  return root;
}

/** series: [{name, color, points: [value|null]}] over labels; values 0..1 shown as percentages. */
export function lineChart({ title, labels, series, format = String }) {
  const width = 560, height = 236, left = 52, right = 36, top = 16, bottom = 52;
  const x = (i) => left + (i * (width - left - right)) / Math.max(labels.length - 1, 1);
  const y = (v) => top + (1 - v) * (height - top - bottom);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img',
    'aria-label': `${title}: ${series.map((s) => `${s.name} ${s.points.map((p, i) => `${labels[i]} ${p == null ? '—' : format(p)}`).join('，')}`).join('；')}` });
  root.append(svg('title', {}, title));
  for (const v of [0, 0.5, 1]) {
    root.append(svg('line', { x1: left, x2: width - right, y1: y(v), y2: y(v), stroke: '#c9d2de' }));
    root.append(svg('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 12, fill: '#4a5566' }, format(v)));
  }
  labels.forEach((l, i) => root.append(svg('text', { x: x(i), y: height - 30, 'text-anchor': 'middle', 'font-size': 12, fill: '#4a5566' }, l)));
  series.forEach((s, k) => {
    const pts = s.points.map((p, i) => (p == null ? null : [x(i), y(p)])).filter(Boolean);
    if (pts.length) root.append(svg('polyline', { points: pts.map((p) => p.join(',')).join(' '), fill: 'none', stroke: s.color, 'stroke-width': 3 }));
    pts.forEach(([px, py]) => root.append(svg('circle', { cx: px, cy: py, r: 4, fill: s.color })));
    root.append(svg('rect', { x: left + k * 150, y: height - 12, width: 12, height: 8, fill: s.color }));
    root.append(svg('text', { x: left + k * 150 + 16, y: height - 4, 'font-size': 12, fill: '#10233d' }, s.name));
  });
  return root;
}
