/* The desk's service worker: keeps each desk page and its files so that the page opens with no network.
 *
 * Served from /casework/desk/sw.js (a view), so its scope covers every desk page. Pages and static
 * files are fetched from the network first and the copy kept; the copy is used only when the
 * network fails. Nothing but GET requests is touched: syncing always goes to the server.
 */
"use strict";

const CACHE = "ipweek-desk-v1";
const DESK_PAGE = /^\/casework\/desk\/\d+\/$/;
const STATIC = "/static/";

function kept(url) {
  return url.origin === self.location.origin && (DESK_PAGE.test(url.pathname) || url.pathname.startsWith(STATIC));
}

function cacheKey(url) {
  return DESK_PAGE.test(url.pathname) ? url.origin + url.pathname : url.href;
}

function store(key, response) {
  if (!response.ok || response.redirected || response.type !== "basic") return Promise.resolve(false);
  return caches.open(CACHE).then((cache) => cache.put(key, response)).then(() => true);
}

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("ipweek-desk-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

// The page lists itself and its files once the worker is ready (the first visit was not yet
// controlled), and is told when all of them are kept: from then on it opens without a network.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "cache" || !Array.isArray(data.urls)) return;
  const urls = data.urls.map((u) => new URL(u, self.location.origin)).filter(kept);
  const stored = urls.map((url) =>
    fetch(url.href, { credentials: "same-origin" })
      .then((response) => store(cacheKey(url), response))
      .catch(() => false)
  );
  event.waitUntil(
    Promise.all(stored).then((results) => {
      if (event.source) event.source.postMessage({ type: "cached", complete: results.every(Boolean) });
    })
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (!kept(url)) return;
  const key = cacheKey(url);
  event.respondWith(
    fetch(request)
      .then((response) => {
        event.waitUntil(store(key, response.clone()));
        return response;
      })
      .catch(() => caches.match(key).then((hit) => hit || Response.error()))
  );
});
