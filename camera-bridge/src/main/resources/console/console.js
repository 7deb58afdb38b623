"use strict";
// The camera-bridge console: cards from the server-sent event stream (/api/events), previews from
// /api/cameras/{id}/preview.jpg, NG images from /api/cameras/{id}/ng. Everything is built with DOM
// calls and textContent, never innerHTML, so no value from the service can become markup.
(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const main = document.getElementById("cameras");
  const connection = document.getElementById("connection");
  const template = document.getElementById("card-template");
  const cards = new Map();
  let source = null;
  let retryTimer = null;

  function fmt(value, digits, unit) {
    return value === null || value === undefined ? "–" : value.toFixed(digits) + (unit || "");
  }

  function setConnection(state, text) {
    connection.dataset.state = state;
    connection.textContent = text;
  }

  function connect() {
    if (source) source.close();
    source = new EventSource("/api/events");
    source.addEventListener("cameras", (e) => {
      setConnection("live", "live");
      render(JSON.parse(e.data));
    });
    source.onopen = () => setConnection("live", "live");
    source.onerror = () => {
      setConnection("lost", "reconnecting…");
      // The browser retries by itself while the stream is merely broken; an answer that is not
      // an event stream (a restart's 503, a 401) closes it for good, so start over.
      if (source.readyState === EventSource.CLOSED && retryTimer === null) {
        retryTimer = setTimeout(() => {
          retryTimer = null;
          connect();
        }, 3000);
      }
    };
  }

  function card(camera) {
    let c = cards.get(camera.id);
    if (c) return c;
    const node = template.content.firstElementChild.cloneNode(true);
    node.dataset.camera = camera.id;
    node.querySelector(".camera-id").textContent = camera.id;
    c = { node, previewSequence: -1, ngCount: -1, view: "live", camera };
    node.querySelector(".tab-live").addEventListener("click", () => show(c, "live"));
    node.querySelector(".tab-ng").addEventListener("click", () => show(c, "ng"));
    const img = node.querySelector(".preview-image");
    img.addEventListener("load", () => {
      node.querySelector(".no-preview").hidden = true;
    });
    cards.set(camera.id, c);
    main.appendChild(node);
    return c;
  }

  function show(c, view) {
    c.view = view;
    c.node.querySelector(".tab-live").setAttribute("aria-pressed", String(view === "live"));
    c.node.querySelector(".tab-ng").setAttribute("aria-pressed", String(view === "ng"));
    c.node.querySelector(".live").hidden = view !== "live";
    c.node.querySelector(".ng").hidden = view !== "ng";
    if (view === "ng") loadNg(c);
  }

  function render(cameras) {
    document.getElementById("empty").hidden = cameras.length > 0;
    for (const camera of cameras) {
      const c = card(camera);
      c.camera = camera;
      const n = c.node;
      const state = n.querySelector(".state");
      state.textContent = camera.state;
      state.dataset.state = camera.state;
      n.dataset.state = camera.state;
      n.querySelector(".device").textContent = "device " + camera.device;
      n.querySelector(".fps").textContent = fmt(camera.fps, 1, " fps");
      n.querySelector(".latency").textContent =
        fmt(camera.latencyMs.p50, 1, " ms") + " / " + fmt(camera.latencyMs.p99, 1, " ms");
      n.querySelector(".okng").textContent = camera.counts.ok + " / " + camera.counts.ng;
      n.querySelector(".faileddropped").textContent =
        camera.counts.failed + " / " + camera.counts.dropped;
      const reasons = Object.entries(camera.drops).map(([k, v]) => k.replace(/_/g, " ") + " " + v);
      n.querySelector(".drops").textContent = reasons.length ? reasons.join(", ") : "none";
      const analyzer = n.querySelector(".analyzer");
      analyzer.textContent = camera.analyzerReachable ? "reachable" : "unreachable";
      analyzer.dataset.reachable = String(camera.analyzerReachable);
      n.querySelector(".reconnects").textContent = String(camera.counts.reconnects);
      renderOutputs(n, camera.outputs);
      renderPreview(c, camera);
      n.querySelector(".ng-count").textContent = camera.counts.ng ? "(" + camera.counts.ng + ")" : "";
      if (c.view === "ng" && camera.counts.ng !== c.ngCount) loadNg(c);
    }
  }

  function renderOutputs(n, outputs) {
    const shown = outputs !== null && outputs !== undefined;
    n.querySelector(".outputs-label").hidden = !shown;
    const dd = n.querySelector(".outputs");
    dd.hidden = !shown;
    if (shown) dd.textContent = typeof outputs === "string" ? outputs : JSON.stringify(outputs);
  }

  function renderPreview(c, camera) {
    const n = c.node;
    const verdict = n.querySelector(".verdict");
    const v = camera.verdict;
    verdict.textContent = v ? v.outcome.toUpperCase().replace(/_/g, " ") : "";
    verdict.dataset.outcome = v ? v.outcome : "";
    // Which PEKAT instance answered (pekat.urls): the verdict's tooltip names it.
    verdict.title = v && v.analyzer ? "answered by " + v.analyzer : "";
    const p = camera.preview;
    if (!p) return;
    if (p.previewId !== c.previewSequence) {
      c.previewSequence = p.previewId;
      const img = n.querySelector(".preview-image");
      img.src = "/api/cameras/" + encodeURIComponent(camera.id) + "/preview.jpg?n=" + p.previewId;
      img.alt = "Frame " + p.frameId + " of " + camera.id;
    }
    drawRectangles(n.querySelector(".overlay"), p.frameWidth, p.frameHeight, v ? v.rectangles : []);
  }

  function drawRectangles(svg, width, height, rectangles) {
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    for (const r of rectangles) {
      const rect = document.createElementNS(SVG, "rect");
      rect.setAttribute("x", r.x);
      rect.setAttribute("y", r.y);
      rect.setAttribute("width", r.width);
      rect.setAttribute("height", r.height);
      const title = document.createElementNS(SVG, "title");
      title.textContent = r.classes.join(", ");
      rect.appendChild(title);
      svg.appendChild(rect);
    }
  }

  async function loadNg(c) {
    c.ngCount = c.camera.counts.ng;
    const id = c.camera.id;
    const response = await fetch("/api/cameras/" + encodeURIComponent(id) + "/ng", {
      cache: "no-store",
    });
    if (!response.ok) return;
    const entries = await response.json();
    const body = c.node.querySelector(".ng-table tbody");
    while (body.firstChild) body.removeChild(body.firstChild);
    c.node.querySelector(".ng-empty").hidden = entries.length > 0;
    for (const e of entries) {
      const row = document.createElement("tr");
      row.className = "ng-row";
      row.dataset.file = e.file;
      for (const text of [e.time.replace("T", " ").replace("Z", ""), String(e.frameId),
          e.defects === null ? "?" : String(e.defects)]) {
        const td = document.createElement("td");
        td.textContent = text;
        row.appendChild(td);
      }
      row.addEventListener("click", () => openNg(id, e));
      body.appendChild(row);
    }
  }

  async function openNg(id, entry) {
    const dialog = document.getElementById("ng-dialog");
    document.getElementById("ng-title").textContent =
      id + ": frame " + entry.frameId + " at " + entry.time;
    const img = document.getElementById("ng-image");
    img.src = entry.url;
    const facts = document.getElementById("ng-facts");
    while (facts.firstChild) facts.removeChild(facts.firstChild);
    const context = document.getElementById("ng-context");
    context.textContent = "…";
    const response = await fetch(entry.url + "?format=json", { cache: "no-store" });
    const detail = response.ok ? await response.json() : entry;
    for (const [k, v] of [["File", detail.file], ["Frame id", String(detail.frameId)],
        ["Time (UTC)", detail.time], ["Defects", detail.defects === null ? "unknown (saved before this start)" : String(detail.defects)]]) {
      const dt = document.createElement("dt");
      dt.textContent = k;
      const dd = document.createElement("dd");
      dd.textContent = v;
      facts.append(dt, dd);
    }
    context.textContent = detail.context ? pretty(detail.context) : "not known (saved before this start)";
    img.onload = () =>
      drawRectangles(document.getElementById("ng-overlay"), img.naturalWidth, img.naturalHeight,
        detail.rectangles || []);
    if (!dialog.open) dialog.showModal();
  }

  function pretty(text) {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch (e) {
      return text;
    }
  }

  fetch("/api/cameras", { cache: "no-store" })
    .then((r) => (r.ok ? r.json() : []))
    .then(render)
    .catch(() => {});
  connect();
})();
