// Small DOM helpers: the pages build their markup with these (text is always set as text).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replace the target's content; the focused field (by id) keeps focus and caret across the re-render. */
export function mount(target, ...children) {
  const active = document.activeElement;
  const focusedId = active && target.contains(active) ? active.id || null : null;
  const caret = focusedId && typeof active.selectionStart === 'number' ? [active.selectionStart, active.selectionEnd] : null;
  target.replaceChildren(...children.flat().filter(Boolean));
  const again = focusedId && document.getElementById(focusedId);
  if (again) {
    again.focus();
    if (caret && typeof again.setSelectionRange === 'function') { try { again.setSelectionRange(...caret); } catch { /* not a text field */ } }
  }
}

export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

/** A staff member's picture: their photo when the API gives one, else their surname on a disc. */
export function avatar(staff, size = 120) {
  if (staff?.photoUrl) return h('img', { class: 'avatar', src: staff.photoUrl, alt: staff.name, width: size, height: size });
  const disc = h('div', { class: 'avatar', role: 'img', 'aria-label': staff?.name || '' }, (staff?.name || '?').slice(0, 1));
  Object.assign(disc.style, { width: `${size}px`, height: `${size}px`, fontSize: `${size / 2.2}px` });
  return disc;
}
