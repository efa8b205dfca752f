// The signed-on user's account page: who is signed on, and a sign-out that returns to the realm's
// default journey (as AM's hosted account pages do).

import { el, realmPath, restPost, showError } from './common.js';

const realm = new URLSearchParams(location.search).get('realm') || 'alpha';

// Identity Cloud's journey for a signed-on user to change their password (shipped in journeys/). The login page runs it with
// this browser's session, and its success URL brings the user back here.
const updatePasswordJourney = 'PlatformUpdatePassword';

function updatePasswordLink() {
  const query = new URLSearchParams({ realm, journey: updatePasswordJourney });
  return el('a', { class: 'button secondary', href: `/login?${query}`, 'data-testid': 'update-password' }, 'Change password');
}
const card = document.getElementById('card');
const userMenu = document.getElementById('user-menu');

async function load() {
  const session = await restPost(`${realmPath(realm)}/sessions?_action=getSessionInfo`, {});
  if (session.status !== 200 || !session.body.username) {
    location.assign(`/login?realm=${encodeURIComponent(realm)}`);
    return;
  }
  const response = await fetch(`${realmPath(realm)}/users/${encodeURIComponent(session.body.username)}`,
    { credentials: 'same-origin', headers: { 'Accept': 'application/json', 'Accept-API-Version': 'protocol=2.1,resource=3.0' } });
  const user = response.ok ? await response.json() : { username: session.body.username };
  const fullName = [user.givenName, user.sn].filter(Boolean).join(' ') || user.username;

  userMenu.textContent = fullName;
  userMenu.title = 'Sign out';
  userMenu.hidden = false;
  userMenu.addEventListener('click', signOut);

  card.replaceChildren(
    el('h1', { 'data-testid': 'welcome' }, `Hello, ${fullName}`),
    el('p', { class: 'description' }, 'You are signed on.'),
    el('dl', { class: 'profile' },
      el('dt', {}, 'Username'), el('dd', { 'data-testid': 'profile-username' }, user.username ?? ''),
      el('dt', {}, 'First name'), el('dd', {}, user.givenName ?? ''),
      el('dt', {}, 'Last name'), el('dd', {}, user.sn ?? ''),
      el('dt', {}, 'Email'), el('dd', {}, user.mail ?? '')),
    el('div', { class: 'actions' },
      updatePasswordLink(),
      el('button', { class: 'secondary', type: 'button', onclick: signOut }, 'Sign out')),
    el('section', { 'data-testid': 'applications' }));
  await showApplications(user.username);
}

// The apps the user allowed (remembered consents), each with a way to withdraw it (AM's users/{user}/oauth2/applications).
async function showApplications(username) {
  const section = card.querySelector('[data-testid=applications]');
  const url = `/json/realms/root/realms/${encodeURIComponent(realm)}/users/${encodeURIComponent(username)}/oauth2/applications`;
  const response = await fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } });
  const apps = response.ok ? (await response.json()).result : [];
  section.replaceChildren(
    el('h2', {}, 'Apps you allowed'),
    apps.length === 0
      ? el('p', { class: 'description', 'data-testid': 'no-applications' }, 'None.')
      : el('ul', { class: 'applications' }, ...apps.map(app => el('li', { 'data-testid': 'application', 'data-client-id': app._id },
          el('strong', {}, app.name), ` (${Object.keys(app.scopes).join(', ')}) `,
          el('button', {
            class: 'secondary', type: 'button', 'data-testid': 'revoke-application',
            onclick: async () => {
              await fetch(`${url}/${encodeURIComponent(app._id)}`, { method: 'DELETE', credentials: 'same-origin', headers: { 'Accept': 'application/json' } });
              await showApplications(username);
            },
          }, 'Withdraw')))));
}

async function signOut() {
  await restPost(`${realmPath(realm)}/sessions?_action=logout`, {});
  location.assign(`/login?realm=${encodeURIComponent(realm)}`);
}

load().catch(error => showError(card, error));
