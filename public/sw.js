// Troth's service worker: after the first load, the app works with no network at all.
//
// One cache per build, named by the build's version; both are written into this file by
// scripts/postbuild.sh (the placeholders below never ship). A new build installs its own cache
// whole, waits until the page says the user chose to reload, then deletes every older cache: a
// page is never served a mix of files from two builds. Nothing here ever touches user data,
// which lives in localStorage, and nothing is fetched from any other host.
const VERSION = "__TROTH_VERSION__";
const ASSETS = ["__TROTH_ASSETS__"];
const CACHE = `troth-${VERSION}`;
// The parts of Troth, one page each (src/ui/route.rs, `Part::page`).
const PAGES = ["index.html", "talk.html", "backup.html", "link.html"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((k) => k.startsWith("troth-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The page asks for the new version only when the user says so.
self.addEventListener("message", (event) => {
  if (event.data === "troth-skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  // Troth's pages (each part of the app is one; their routes live after the `#`): other pages
  // beside them are not ours.
  const scope = new URL(self.registration.scope).pathname;
  const page = url.pathname === scope ? "index.html" : url.pathname.slice(scope.length);
  const ours = url.pathname.startsWith(scope) && PAGES.includes(page);
  if (request.mode === "navigate" && !ours) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const key = request.mode === "navigate" ? `./${page}` : request;
    return (await cache.match(key, { ignoreSearch: true })) || fetch(request);
  })());
});
