/* On logging out, drop the desk's offline copies (pages kept by its service worker) from this browser.
 *
 * A tablet at a square day is often shared: the next person must not open the desk page from the
 * cache. Entries still waiting to be synced stay in local storage, so nothing recorded is lost;
 * they go out the next time a desk page is opened while signed in.
 */
"use strict";

(function () {
  const form = document.querySelector("form[data-logout]");
  if (!form || !("caches" in window)) return;
  let cleared = false;
  form.addEventListener("submit", (event) => {
    if (cleared) return;
    event.preventDefault();
    const drop = caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("ipweek-desk-")).map((k) => caches.delete(k))));
    const unregister = navigator.serviceWorker
      ? navigator.serviceWorker.getRegistrations().then((all) =>
          Promise.all(all.filter((r) => r.scope.includes("/casework/desk/")).map((r) => r.unregister()))
        )
      : Promise.resolve();
    const timeout = new Promise((resolve) => setTimeout(resolve, 1000));
    Promise.race([Promise.all([drop, unregister]), timeout])
      .catch(() => undefined)
      .then(() => {
        cleared = true;
        form.submit();
      });
  });
})();
