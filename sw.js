// Verbatim's service worker: after one visit, the page and its search work offline.
// scripts/build-pkg.sh fills the two placeholders: the hash of every precached file
// (so any change gives a new cache) and the list of those files, relative to this
// worker's folder.
const CACHE = "verbatim-3a40bf6b9fe8";
const ASSETS = ["index.html","manifest.webmanifest","pkg/AG12734-fr.idx","pkg/icon.svg","pkg/page.css","pkg/verbatim-search.css","pkg/verbatim-search.js","pkg/verbatim.js","pkg/verbatim_bg.wasm"];

// Resolved against the scope, so a site served from a sub-folder (/ngo/verbatim/) works too.
const scoped = (path) => new URL(String(path).replace(/^\/+/, ""), self.registration.scope).href;

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
      for (const name of await caches.keys()) {
        if (name.startsWith("verbatim-") && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith(cacheFirst(request, url));
});

async function cacheFirst(request, url) {
  const cache = await caches.open(CACHE);
  const navigate = request.mode === "navigate";
  // A shared search (index.html?q=…) is the same page: ignore the query for navigations.
  let response = await cache.match(request, { ignoreSearch: navigate, ignoreVary: true });
  if (!response && navigate && url.pathname.endsWith("/")) {
    response = await cache.match(new URL("index.html", url).href, { ignoreVary: true });
  }
  return response || fetch(request);
}
