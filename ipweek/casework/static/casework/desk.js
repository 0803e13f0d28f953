/* The desk at a square event.
 *
 * An entry is written to this tablet's queue (localStorage) before anything is sent, with a key
 * made here; the queue is then sent in batches. The server stores each key once, so an answer lost
 * on a flaky network costs nothing: the batch is simply sent again. Entries the server refuses stay
 * in the queue, marked, until someone removes them. Without JavaScript the form posts one entry.
 */
(function () {
  "use strict";

  document.addEventListener("click", (event) => {
    if (event.target.closest && event.target.closest("[data-print]")) window.print();
  });

  const root = document.getElementById("desk");
  if (!root) return;

  const form = document.getElementById("desk-form");
  const statusBox = document.getElementById("desk-status");
  const statusText = document.getElementById("desk-status-text");
  const pendingOut = document.getElementById("desk-pending");
  const failedOut = document.getElementById("desk-failed");
  const progress = document.getElementById("desk-progress");
  const flash = document.getElementById("desk-flash");
  const formError = document.getElementById("desk-form-error");
  const queueSection = document.getElementById("desk-queue-section");
  const queueList = document.getElementById("desk-queue");
  const lockedNotice = document.getElementById("desk-figures-locked");
  const summary = document.getElementById("desk-summary");

  const prefix = "ipweek.desk." + root.dataset.user + ".";
  const queueKey = prefix + root.dataset.activity + ".queue";
  const ipTypeKey = prefix + "ipType";
  const maxBatch = parseInt(root.dataset.maxBatch, 10) || 200;
  const RETRY_MS = 15000;
  const FIELDS = ["key", "topic", "ip_type", "outcome", "note", "contact", "unit", "recorded_at"];

  let memoryQueue = [];  // used only when the browser refuses localStorage (private mode, full disk)
  let syncing = false;
  let again = false;
  let offline = navigator.onLine === false;
  let problem = "";  // "login" when the server wants a new login or page; cleared by the next good answer

  function text(name, count) {
    const value = root.dataset["text" + name] || "";
    return value.replace("{n}", String(count));
  }

  function newKey() {
    const cryptoApi = window.crypto || window.msCrypto;
    if (cryptoApi && typeof cryptoApi.randomUUID === "function") return cryptoApi.randomUUID();
    const bytes = new Uint8Array(16);
    cryptoApi.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => (b + 0x100).toString(16).slice(1)).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  // The queue is read before and written after every change, so two open tabs never undo each other.
  function loadQueue() {
    try {
      const stored = window.localStorage.getItem(queueKey);
      return stored ? JSON.parse(stored) : memoryQueue.slice();
    } catch (error) {
      return memoryQueue.slice();
    }
  }

  function saveQueue(queue) {
    memoryQueue = queue.slice();
    try {
      window.localStorage.setItem(queueKey, JSON.stringify(queue));
    } catch (error) {
      /* kept in memory: the open page still works */
    }
  }

  function remember(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch (error) {
      /* a lost preference is harmless */
    }
  }

  function recall(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (error) {
      return null;
    }
  }

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    const field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function labelOf(name, value) {
    const input = form.querySelector("input[name=" + name + "][value='" + CSS.escape(String(value)) + "']");
    const label = input && input.closest("label");
    return label ? label.textContent.trim() : value;
  }

  function setState(state, message) {
    statusBox.dataset.state = state;
    if (statusText.textContent !== message) statusText.textContent = message;
  }

  function render() {
    const queue = loadQueue();
    const pending = queue.filter((entry) => entry.state !== "failed").length;
    const failed = queue.length - pending;
    pendingOut.textContent = String(pending);
    pendingOut.dataset.count = String(pending);
    failedOut.textContent = String(failed);
    failedOut.dataset.count = String(failed);
    root.dataset.pending = String(pending);
    progress.hidden = !syncing;
    if (syncing) setState("syncing", text("Syncing"));
    else if (problem === "login" && pending) setState("login", text("Login"));
    else if (offline && pending) setState("offline", text("Offline", pending));
    else if (offline) setState("offline", text("Offline", 0));
    else if (pending) setState("pending", text("Pending", pending));
    else if (failed) setState("failed", text("Failed", failed));
    else setState("synced", text("Synced"));
    renderQueue(queue);
  }

  function renderQueue(queue) {
    queueSection.hidden = queue.length === 0;
    queueList.replaceChildren(...queue.map(queueItem));
  }

  function queueItem(entry) {
    const item = document.createElement("li");
    item.dataset.key = entry.key;
    item.dataset.state = entry.state === "failed" ? "failed" : "pending";
    const time = new Date(entry.recorded_at);
    const when = document.createElement("span");
    when.textContent = time.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    const what = document.createElement("strong");
    what.textContent = labelOf("topic", entry.topic);
    const state = document.createElement("span");
    state.textContent = entry.state === "failed" ? text("FailedState") : text("Waiting");
    item.append(when, what, state);
    if (entry.state === "failed") {
      const message = document.createElement("span");
      message.className = "desk-queue-message";
      message.textContent = entry.message || "";
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "button button-secondary";
      remove.textContent = text("Remove");
      remove.addEventListener("click", () => removeEntry(entry.key));
      item.append(message, remove);
    }
    return item;
  }

  function removeEntry(key) {
    if (!window.confirm(text("ConfirmRemove"))) return;
    saveQueue(loadQueue().filter((entry) => entry.key !== key));
    render();
  }

  function entryFromForm() {
    const data = new FormData(form);
    const value = (name) => String(data.get(name) || "").trim();
    return {
      key: newKey(),
      topic: value("topic"),
      ip_type: value("ip_type") || "other",
      outcome: value("outcome") || "answered",
      note: value("note"),
      contact: value("contact"),
      unit: value("unit"),
      recorded_at: new Date().toISOString(),
      state: "pending",
    };
  }

  function resetForm(entry) {
    form.querySelectorAll("input[name=topic]").forEach((input) => { input.checked = false; });
    form.querySelectorAll("input[name=outcome]").forEach((input) => { input.checked = input.value === "answered"; });
    ["note", "contact"].forEach((name) => { const input = form.elements[name]; if (input) input.value = ""; });
    remember(ipTypeKey, entry.ip_type);
    const time = new Date(entry.recorded_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    flash.textContent = text("Saved") + " · " + labelOf("topic", entry.topic) + " · " + time;
  }

  function onSubmit(event) {
    event.preventDefault();
    const entry = entryFromForm();
    if (!entry.topic) {
      formError.textContent = text("ChooseTopic");
      formError.hidden = false;
      form.querySelector("input[name=topic]").focus();
      return;
    }
    formError.hidden = true;
    const queue = loadQueue();
    queue.push(entry);
    saveQueue(queue);
    resetForm(entry);
    form.querySelector("input[name=topic]").focus();
    render();
    sync();
  }

  function outgoing(batch) {
    return batch.map((entry) => {
      const copy = {};
      FIELDS.forEach((name) => { copy[name] = entry[name]; });
      return copy;
    });
  }

  function applyAnswer(answer) {
    if (answer.status === 401 || answer.status === 403) {
      problem = "login";
      return false;
    }
    const body = answer.body;
    if (answer.status !== 200 || !body || !Array.isArray(body.accepted)) return false;
    problem = "";
    const accepted = new Set(body.accepted.map((item) => item.key));
    const failed = new Map(body.failed.map((item) => [item.key, item.message]));
    const queue = loadQueue()
      .filter((entry) => !accepted.has(entry.key))
      .map((entry) => (failed.has(entry.key) ? { ...entry, state: "failed", message: failed.get(entry.key) } : entry));
    saveQueue(queue);
    if (typeof body.summary_html === "string") summary.innerHTML = body.summary_html;
    lockedNotice.hidden = !body.figures_locked;
    return true;
  }

  function sync() {
    if (syncing) {
      again = true;
      return;
    }
    const batch = loadQueue().filter((entry) => entry.state !== "failed").slice(0, maxBatch);
    if (navigator.onLine === false) offline = true;
    if (!batch.length || navigator.onLine === false) {
      render();
      return;
    }
    syncing = true;
    render();
    let progressed = false;
    fetch(root.dataset.syncUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify({ entries: outgoing(batch) }),
    })
      .then((response) => response.json().catch(() => null).then((body) => ({ status: response.status, body })))
      .then((answer) => {
        offline = false;
        progressed = applyAnswer(answer);
      })
      .catch(() => {
        offline = true;
      })
      .then(() => {
        syncing = false;
        render();
        const more = loadQueue().some((entry) => entry.state !== "failed");
        if (again || (progressed && more)) {
          again = false;
          window.setTimeout(sync, 0);
        }
      });
  }

  function restoreIpType() {
    const remembered = recall(ipTypeKey);
    if (!remembered) return;
    const input = form.querySelector("input[name=ip_type][value='" + CSS.escape(remembered) + "']");
    if (input) input.checked = true;
  }

  function registerServiceWorker() {
    if (!("serviceWorker" in navigator) || !root.dataset.swUrl) return;
    navigator.serviceWorker.addEventListener("message", (event) => {
      const data = event.data || {};
      if (data.type === "cached") root.dataset.offlineReady = data.complete ? "true" : "false";
    });
    navigator.serviceWorker
      .register(root.dataset.swUrl)
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        const urls = [window.location.pathname].concat(root.dataset.assets.split(" ").filter(Boolean));
        if (registration.active) registration.active.postMessage({ type: "cache", urls });
      })
      .catch(() => { /* the open page keeps working without it */ });
  }

  form.addEventListener("submit", onSubmit);
  window.addEventListener("online", () => { offline = false; sync(); });
  window.addEventListener("offline", () => { offline = true; render(); });
  window.addEventListener("storage", (event) => { if (event.key === queueKey) render(); });
  window.setInterval(() => {
    if (!syncing && loadQueue().some((entry) => entry.state !== "failed")) {
      offline = navigator.onLine === false;
      sync();
    }
  }, RETRY_MS);
  statusBox.hidden = false;
  restoreIpType();
  registerServiceWorker();
  render();
  sync();
})();
