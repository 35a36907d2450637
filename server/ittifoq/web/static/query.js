// The query page: sends the editor's query to the SPARQL protocol endpoint with fetch(), like any
// client, and shows the answer. Values from the results are put in the page as text nodes only.
(function () {
  "use strict";
  const app = document.getElementById("query-app");
  if (!app) return;
  const endpoint = app.dataset.endpoint;
  const idBase = app.dataset.idBase;
  const datasetBase = app.dataset.datasetBase;
  const pageBase = app.dataset.pageBase;
  const describeBase = app.dataset.describeBase;
  const lang = app.dataset.lang;
  const prefixes = JSON.parse(app.dataset.prefixes || "[]");
  const form = document.getElementById("query-form");
  const editor = document.getElementById("query-text");
  const runButton = document.getElementById("run");
  const status = document.getElementById("status");
  const message = document.getElementById("message");
  const results = document.getElementById("results");
  const downloads = document.getElementById("downloads");
  const resultLinks = document.getElementById("download-results");
  const graphLinks = document.getElementById("download-graph");
  const MAX_SHOWN = 5000;
  let running = null;

  function langSuffix(sep) {
    return lang ? sep + "lang=" + encodeURIComponent(lang) : "";
  }

  function localHref(iri) {
    if (iri.startsWith(idBase) && iri.length > idBase.length) {
      const hash = iri.indexOf("#");
      const base = hash >= 0 ? iri.slice(0, hash) : iri;
      const path = base.slice(idBase.length).split("/").map(encodeURIComponent).join("/");
      return pageBase + path + langSuffix("?") + (hash >= 0 ? iri.slice(hash) : "");
    }
    if (iri.startsWith(datasetBase)) return describeBase + "iri=" + encodeURIComponent(iri) + langSuffix("&");
    if (/^https?:\/\//i.test(iri)) return iri;
    return null;
  }

  function prefixed(iri) {
    for (const [prefix, base] of prefixes) {
      const local = iri.slice(base.length);
      if (iri.startsWith(base) && /^[\w.-]*$/.test(local)) return prefix + ":" + local;
    }
    return iri;
  }

  function showMessage(text, kind) {
    message.textContent = text;
    message.className = "message " + kind;
    message.hidden = !text;
  }

  function shortDatatype(iri) {
    const xsd = "http://www.w3.org/2001/XMLSchema#";
    return iri.startsWith(xsd) ? "xsd:" + iri.slice(xsd.length) : iri;
  }

  function termNode(term) {
    const span = document.createElement("span");
    if (!term) return span;
    if (term.type === "uri") {
      const href = localHref(term.value);
      const el = href ? document.createElement("a") : span;
      if (href) el.href = href;
      el.textContent = prefixed(term.value);
      el.title = term.value;
      return el;
    }
    if (term.type === "bnode") {
      span.textContent = "_:" + term.value;
      return span;
    }
    if (term.type === "triple") {
      span.textContent = "<< " + JSON.stringify(term.value) + " >>";
      return span;
    }
    span.textContent = term.value;
    const tag = term["xml:lang"];
    if (tag) span.lang = tag;
    const note = tag ? "@" + tag : term.datatype && !term.datatype.endsWith("#string") ? shortDatatype(term.datatype) : "";
    if (note) {
      const small = document.createElement("span");
      small.className = "tag";
      small.textContent = note;
      small.title = term.datatype || "";
      const wrap = document.createElement("span");
      wrap.append(span, " ", small);
      return wrap;
    }
    return span;
  }

  function renderSelect(data) {
    const vars = data.head.vars || [];
    const rows = data.results.bindings;
    const table = document.createElement("table");
    const thead = table.createTHead().insertRow();
    for (const v of vars) {
      const th = document.createElement("th");
      th.textContent = v;
      thead.appendChild(th);
    }
    const body = table.createTBody();
    for (const row of rows.slice(0, MAX_SHOWN)) {
      const tr = body.insertRow();
      for (const v of vars) tr.insertCell().appendChild(termNode(row[v]));
    }
    results.replaceChildren(table);
    return rows.length;
  }

  function setDownloads(isGraph, query) {
    downloads.hidden = false;
    resultLinks.hidden = isGraph;
    graphLinks.hidden = !isGraph;
    for (const a of downloads.querySelectorAll("a[data-format]")) {
      a.href = endpoint + "?" + new URLSearchParams({ query: query, format: a.dataset.format });
    }
  }

  function truncationNotes(response) {
    const notes = [];
    response.headers.forEach(function (value, name) {
      if (/truncat/i.test(name)) notes.push(name + ": " + value);
    });
    return notes;
  }

  async function errorText(response) {
    const text = await response.text();
    try {
      const body = JSON.parse(text);
      const error = body.error;
      if (error && typeof error === "object") return error.message || error.title || text;
      return body.message || (typeof error === "string" ? error : text);
    } catch (e) {
      const doc = new DOMParser().parseFromString(text, "text/html");
      return (doc.body && doc.body.textContent.trim()) || text;
    }
  }

  async function run() {
    const query = editor.value;
    if (running) running.abort();
    const controller = new AbortController();
    running = controller;
    runButton.disabled = true;
    status.textContent = "Running…";
    showMessage("", "note");
    const params = new URLSearchParams(window.location.search);
    params.set("query", query);
    params.delete("example");
    history.replaceState(null, "", window.location.pathname + "?" + params);
    const started = performance.now();
    try {
      const response = await fetch(endpoint, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
          Accept: "application/sparql-results+json, text/turtle;q=0.9, */*;q=0.1",
        },
        body: new URLSearchParams({ query: query }),
        signal: controller.signal,
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      if (!response.ok) {
        results.replaceChildren();
        downloads.hidden = true;
        showMessage(response.status + " " + response.statusText + "\n" + (await errorText(response)), "error");
        status.textContent = "Failed after " + seconds + " s";
        return;
      }
      const type = response.headers.get("Content-Type") || "";
      const notes = truncationNotes(response);
      if (type.includes("sparql-results+json")) {
        const data = await response.json();
        if (typeof data.boolean === "boolean") {
          const p = document.createElement("p");
          p.className = "boolean";
          p.textContent = data.boolean ? "true" : "false";
          results.replaceChildren(p);
          status.textContent = "Answer in " + seconds + " s";
          setDownloads(false, query);
        } else {
          const n = renderSelect(data);
          status.textContent = n + " row" + (n === 1 ? "" : "s") + " in " + seconds + " s";
          if (n > MAX_SHOWN) notes.push("showing the first " + MAX_SHOWN + " rows; download for all");
          setDownloads(false, query);
        }
      } else {
        const pre = document.createElement("pre");
        pre.textContent = await response.text();
        results.replaceChildren(pre);
        status.textContent = "Graph in " + seconds + " s";
        setDownloads(true, query);
      }
      if (notes.length) showMessage("Results truncated: " + notes.join("; "), "note");
    } catch (e) {
      if (e.name === "AbortError") return;
      showMessage("Could not reach the endpoint: " + e, "error");
      status.textContent = "";
    } finally {
      if (running === controller) {
        running = null;
        runButton.disabled = false;
      }
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  editor.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    } else if (event.key === "Tab" && !event.shiftKey) {
      event.preventDefault();
      editor.setRangeText("  ", editor.selectionStart, editor.selectionEnd, "end");
    }
  });
  for (const button of document.querySelectorAll("button.example")) {
    button.addEventListener("click", function () {
      for (const other of document.querySelectorAll("button.example.current")) other.classList.remove("current");
      button.classList.add("current");
      editor.value = button.dataset.query;
      run();
    });
  }
  if (new URLSearchParams(window.location.search).has("example")) run();
})();
