// Verbatim's service worker: after one visit, the page and its search work offline.
// scripts/build-pkg.sh fills the two placeholders: the hash of every file of the build
// (so any change gives a new cache) and the site's shell, precached on install.
//
// What a page uses beyond the shell, it names (the element posts {keep: [urls]}: the page
// itself, its stylesheets, the engine, the index, an archive's files fetched so far), and
// this worker keeps those: a page anywhere on the site, with any index, searches offline
// after one visit, and a page of a single record never downloads the archive engine
// (nor an archive page the record engine) just to be kept. A new version precaches the
// new copies of what the old one kept, so a deploy never costs the offline copy.
//
// Upgrades switch over whole. The engine (verbatim_bg.wasm) and the index keep their
// names from one version to the next, and a new worker takes over the open pages as
// soon as it is installed (skipWaiting). So that a page that is still loading never
// gets the old engine with the new index, every page is pinned to the cache its
// document came from: the worker that answers the navigation records "this page is
// version X" (PAGES below), and every worker answers that page's requests from
// cache X. An old cache is deleted once no open page is pinned to it.
//
// An archive (`verbatim index --archive`: manifest.vrba, terms/, typos/, text/, …) is
// not precached: the element fetches only the files a query needs, and this worker keeps
// them (ARCHIVE below), so a search made once answers again offline. Its other files
// carry the build's hash in their names ("terms/3.1a2b3c4d.vrba") and never change:
// cache first. The manifest keeps its name across builds: network first, the cached
// copy offline.
const CACHE = "verbatim-f1f06e84b0e9";
const ASSETS = ["index.html","manifest.webmanifest","pkg/icon.svg","pkg/page.css","pkg/verbatim-search.css","pkg/verbatim-search.js"];
// Page → cache name, shared by every version of this worker. Not "verbatim-…", so the
// clean-up of old versions never takes it for one.
const PAGES = "verbatim:pages";
// A pin this young survives a clean-up even when its page is not yet listed among
// the clients (a navigation still in flight).
const FRESH_MS = 10_000;
// The archive files fetched so far, shared by every version of this worker (archives
// are not part of the site's build). Not "verbatim-…", like PAGES.
const ARCHIVE = "verbatim:archive";
// "…/terms/3.1a2b3c4d.vrba" (or typos/, text/, phrases/): the hash of the build that wrote it.
const SHARD = /\/[a-z]+\/\d+\.([0-9a-f]{8})\.vrba$/;
const MANIFEST = /\/manifest\.vrba$/;
// At most this many files per {keep} message: a page names a few dozen.
const MAX_KEEP = 500;

// Resolved against the scope, so a site served from a sub-folder (/ngo/verbatim/) works too.
const scoped = (path) => new URL(String(path).replace(/^\/+/, ""), self.registration.scope).href;
const pinKey = (clientId) => scoped(`__verbatim/pages/${encodeURIComponent(clientId)}`);

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // The shell, and the new version of every file an older version kept for its pages:
      // after a deploy the site still searches offline, before any page names its files
      // again. One by one, so that a site without one of the shell's files (an embedding
      // page with no index.html beside it) still gets a worker.
      const urls = new Set([...ASSETS.map(scoped), ...(await keptBefore())]);
      await Promise.all(
        [...urls].map((url) =>
          // "no-cache": revalidate with the server, so a stale HTTP-cached file never lands in a new cache.
          cache.add(new Request(url, { cache: "no-cache" })).catch((e) => {
            console.warn(`verbatim sw.js: could not keep ${url} for offline use: ${e.message}`);
          }),
        ),
      );
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

// The files the other versions' caches hold (this site's, by URL).
async function keptBefore() {
  const urls = [];
  for (const name of await caches.keys()) {
    if (!name.startsWith("verbatim-") || name === CACHE) continue;
    for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
  }
  return urls;
}

// A page names the files it uses: those not kept yet are fetched and kept (this
// site's own files only).
self.addEventListener("message", (event) => {
  const urls = event.data?.keep;
  if (!Array.isArray(urls)) return;
  event.waitUntil(keepFiles(urls.slice(0, MAX_KEEP)).catch(() => {}));
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
  if (!navigate && SHARD.test(url.pathname)) {
    event.respondWith(archiveFile(request, url, event));
    return;
  }
  if (!navigate && MANIFEST.test(url.pathname)) {
    event.respondWith(archiveManifest(request, event));
    return;
  }
  // A navigation is answered by this version; any other request by its page's version.
  event.respondWith(cacheFirst(request, url, navigate ? "" : event.clientId));
});

// An archive's files go where the fetch handler keeps them (ARCHIVE); anything else to this
// version's cache.
async function keepFiles(urls) {
  for (const href of urls) {
    let url;
    try {
      url = new URL(String(href), self.registration.scope);
    } catch {
      continue;
    }
    if (url.origin !== self.location.origin || !/^https?:$/.test(url.protocol)) continue;
    url.hash = "";
    const archive = SHARD.test(url.pathname) || MANIFEST.test(url.pathname);
    const cache = await caches.open(archive ? ARCHIVE : CACHE);
    if (await cache.match(url.href, { ignoreVary: true })) continue;
    try {
      const response = await fetch(new Request(url.href, { cache: "no-cache" }));
      if (response.status !== 200) continue;
      await cache.put(url.href, response);
      if (SHARD.test(url.pathname)) await dropOtherBuilds(cache, url);
    } catch {
      // Offline or gone: named again on the next visit.
    }
  }
}

// A hashed archive file: from any cache that has it, else from the network, then kept.
async function archiveFile(request, url, event) {
  const cached = await caches.match(request, { ignoreSearch: true, ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.status === 200) {
    const copy = response.clone();
    event.waitUntil(
      (async () => {
        const cache = await caches.open(ARCHIVE);
        await cache.put(request, copy);
        await dropOtherBuilds(cache, url);
      })().catch(() => {}),
    );
  }
  return response;
}

// The manifest: the network's, kept for offline; the kept one when the network fails.
async function archiveManifest(request, event) {
  try {
    const response = await fetch(request);
    if (response.status === 200) {
      const copy = response.clone();
      event.waitUntil(caches.open(ARCHIVE).then((cache) => cache.put(request, copy)).catch(() => {}));
    }
    return response;
  } catch (e) {
    const cached = await caches.match(request, { ignoreSearch: true, ignoreVary: true });
    if (cached) return cached;
    throw e;
  }
}

// A file of a new build of an archive replaces the kept files of its older builds (same
// folder, another hash): they will not be asked for again. Once per build and folder
// while this worker runs, not on every file.
const cleaned = new Map();
async function dropOtherBuilds(cache, url) {
  const [, hash] = SHARD.exec(url.pathname);
  const root = url.pathname.replace(SHARD, "/");
  if (cleaned.get(root) === hash) return;
  for (const key of await cache.keys()) {
    const path = new URL(key.url).pathname;
    const match = SHARD.exec(path);
    if (match && match[1] !== hash && path.replace(SHARD, "/") === root) await cache.delete(key);
  }
  cleaned.set(root, hash);
}

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
