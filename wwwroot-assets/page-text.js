// A Page node's description may hold a little HTML, as Identity Cloud's default journeys do:
// `New here? <a href="#/service/PlatformRegistration">Create an account</a><br>…`. This reads it into plain parts (text,
// line breaks, links) that the page builds with textContent, so no markup from the server ever reaches innerHTML.
// Identity Cloud's hash routes (#/service/NAME) become this site's /login?journey=NAME; other links only to this site or
// http(s). No DOM here, so it can be checked on its own.

const entities = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decode(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return entities[name.toLowerCase()] ?? whole;
  });
}

/** Where a description's link may go on the hosted pages, or null (shown as plain text). */
export function linkTarget(href, realm) {
  const route = /^#\/service\/([^/?#]+)$/.exec(href);
  if (route) {
    let journey;
    try { journey = decodeURIComponent(route[1]); } catch { return null; }
    return `/login?realm=${encodeURIComponent(realm)}&journey=${encodeURIComponent(journey)}`;
  }
  if (/^\/(?![\/\\])/.test(href)) return href;
  if (/^https?:\/\//i.test(href)) return href;
  return null;
}

/** The description as [{text}] / [{lineBreak: true}] / [{link, text}] parts; any other tag is dropped and its text kept. */
export function descriptionParts(html, realm) {
  const parts = [];
  const pushText = text => { if (text) parts.push({ text: decode(text) }); };
  const tag = /<\s*(\/?)\s*([a-z0-9]+)([^>]*)>/gi;
  let last = 0;
  let link = null;
  for (let match; (match = tag.exec(html)) !== null;) {
    const before = html.slice(last, match.index);
    last = tag.lastIndex;
    if (link) link.text += before; else pushText(before);
    const [, closing, name, attributes] = match;
    const lower = name.toLowerCase();
    if (lower === 'br') {
      if (!link) parts.push({ lineBreak: true });
    } else if (lower === 'a' && !closing) {
      const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(attributes);
      link = { href: href ? decode(href[1] ?? href[2]) : '', text: '' };
    } else if (lower === 'a' && closing && link) {
      const target = linkTarget(link.href, realm);
      parts.push(target ? { link: target, text: decode(link.text) } : { text: decode(link.text) });
      link = null;
    }
  }
  const rest = html.slice(last);
  if (link) pushText(link.text + rest); else pushText(rest);
  return parts;
}
