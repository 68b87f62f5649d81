// Verbatim's service worker: after one visit, the page and its search work offline.
// scripts/build-pkg.sh fills the two placeholders: the hash of every precached file
// (so any change gives a new cache) and the list of those files, relative to this
// worker's folder.
//
// Upgrades switch over whole. The engine (verbatim_bg.wasm) and the index keep their
// names from one version to the next, and a new worker takes over the open pages as
// soon as it is installed (skipWaiting). So that a page that is still loading never
// gets the old engine with the new index, every page is pinned to the cache its
// document came from: the worker that answers the navigation records "this page is
// version X" (PAGES below), and every worker answers that page's requests from
// cache X. An old cache is deleted once no open page is pinned to it.
const CACHE = "verbatim-3cf0caecb887";
const ASSETS = ["index.html","manifest.webmanifest","pkg/AG12734-fr.idx","pkg/icon.svg","pkg/page.css","pkg/verbatim-search.css","pkg/verbatim-search.js","pkg/verbatim.js","pkg/verbatim_bg.wasm"];
// Page → cache name, shared by every version of this worker. Not "verbatim-…", so the
// clean-up of old versions never takes it for one.
const PAGES = "verbatim:pages";
// A pin this young survives a clean-up even when its page is not yet listed among
// the clients (a navigation still in flight).
const FRESH_MS = 10_000;

// Resolved against the scope, so a site served from a sub-folder (/ngo/verbatim/) works too.
const scoped = (path) => new URL(String(path).replace(/^\/+/, ""), self.registration.scope).href;
const pinKey = (clientId) => scoped(`__verbatim/pages/${encodeURIComponent(clientId)}`);

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // "no-cache": revalidate with the server, so a stale HTTP-cached file never lands in a new cache.
      await cache.addAll(ASSETS.map((path) => new Request(scoped(path), { cache: "no-cache" })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      await cleanUp();
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const navigate = request.mode === "navigate";
  if (navigate && event.resultingClientId) {
    // The new page is this version, whatever worker answers its later requests.
    event.waitUntil(pin(event.resultingClientId).then(cleanUp).catch(() => {}));
  }
  // A navigation is answered by this version; any other request by its page's version.
  event.respondWith(cacheFirst(request, url, navigate ? "" : event.clientId));
});

async function pin(clientId) {
  const pages = await caches.open(PAGES);
  await pages.put(pinKey(clientId), new Response(JSON.stringify({ cache: CACHE, at: Date.now() })));
}

// The cache a page's requests come from: the one its document came from, while it exists.
async function cacheFor(clientId) {
  if (!clientId) return CACHE;
  try {
    const pinned = await (await caches.open(PAGES)).match(pinKey(clientId));
    const name = pinned && (await pinned.json()).cache;
    if (name && name !== CACHE && (await caches.has(name))) return name;
  } catch {
    // An unreadable pin: serve this version.
  }
  return CACHE;
}

async function cacheFirst(request, url, clientId) {
  const cache = await caches.open(await cacheFor(clientId));
  const navigate = request.mode === "navigate";
  // A shared search (index.html?q=…) is the same page: ignore the query for navigations.
  let response = await cache.match(request, { ignoreSearch: navigate, ignoreVary: true });
  if (!response && navigate && url.pathname.endsWith("/")) {
    response = await cache.match(new URL("index.html", url).href, { ignoreVary: true });
  }
  return response || fetch(request);
}

// Deletes the pins of closed pages, and every other version's cache no open page is pinned to.
async function cleanUp() {
  const open = new Set((await self.clients.matchAll({ includeUncontrolled: true })).map((c) => c.id));
  const pages = await caches.open(PAGES);
  const keep = new Set([CACHE]);
  for (const key of await pages.keys()) {
    let entry = null;
    try {
      entry = await (await pages.match(key)).json();
    } catch {
      // Dropped below.
    }
    const id = decodeURIComponent(new URL(key.url).pathname.split("/").pop());
    if (entry && (open.has(id) || Date.now() - entry.at < FRESH_MS)) keep.add(entry.cache);
    else await pages.delete(key);
  }
  for (const name of await caches.keys()) {
    if (name.startsWith("verbatim-") && !keep.has(name)) await caches.delete(name);
  }
}
