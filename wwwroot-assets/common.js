// Small helpers shared by the hosted pages.

/** Creates an element; string children become text nodes, so server text is never parsed as HTML. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (value === true) node.setAttribute(name, '');
    else if (value !== false && value != null) node.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** AM's REST path of a realm: the root realm has no sub-path. */
export function realmPath(realm) {
  return realm === 'root' || realm === '/' ? '/json/realms/root' : `/json/realms/root/realms/${encodeURIComponent(realm)}`;
}

/** POSTs JSON the way the ForgeRock SDK does and returns { status, body } (body {} when not JSON). */
export async function restPost(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'Accept': 'application/json',
      'Content-Type': 'application/json',
      'Accept-API-Version': 'protocol=1.0,resource=2.1',
    },
    body: JSON.stringify(body ?? {}),
  });
  let json = {};
  try { json = await response.json(); } catch { /* empty or not JSON */ }
  return { status: response.status, body: json };
}

export function showError(card, error) {
  card.replaceChildren(
    el('h1', {}, 'Something went wrong'),
    el('div', { class: 'alert', role: 'alert' }, `The server could not be reached (${error?.message ?? error}).`),
    el('div', { class: 'actions' }, el('button', { class: 'primary', type: 'button', onclick: () => location.reload() }, 'Try again')));
}
