// The query page: a CodeMirror editor (SPARQL colouring, completion of the predeclared
// prefixes and of the ontology's terms, the error marked where it is; Tab leaves the editor),
// the query sent to the SPARQL endpoint with fetch() like any client, and the answer shown
// with a label beside each IRI, sortable columns and pages. Values are put in as text only.
// Each query goes with a random id (X-Ittifoq-Query-Id): Cancel, or a new run, stops the
// query on the server too (POST /sparql/cancel with that id), not only the wait for it.
(function () {
  "use strict";
  const app = document.getElementById("query-app");
  if (!app) return;
  const $ = (id) => document.getElementById(id);
  const endpoint = app.dataset.endpoint, idBase = app.dataset.idBase, datasetBase = app.dataset.datasetBase;
  const pageBase = app.dataset.pageBase, describeBase = app.dataset.describeBase, lang = app.dataset.lang;
  const prefixes = JSON.parse(app.dataset.prefixes || "[]");
  const terms = JSON.parse(app.dataset.terms || "[]");
  const form = $("query-form"), textarea = $("query-text"), runButton = $("run"), cancelButton = $("cancel");
  const status = $("status"), message = $("message"), results = $("results"), downloads = $("downloads");
  const pager = $("pager"), pageInfo = $("page-info");
  const PAGE = 100;
  let running = null, marked = null, table = null;

  // ---- the editor
  const hasEditor = typeof window.CodeMirror === "function";
  const cm = hasEditor ? window.CodeMirror.fromTextArea(textarea, {
    mode: "sparql", lineNumbers: true, indentUnit: 2, lineWrapping: true, viewportMargin: Infinity,
    screenReaderLabel: document.querySelector("label[for=query-text]").textContent,
    // Tab and Shift-Tab move focus, as everywhere else on the page (no keyboard trap).
    extraKeys: { Tab: false, "Shift-Tab": false, "Ctrl-Enter": () => run(), "Cmd-Enter": () => run(),
                 "Ctrl-Space": "autocomplete" },
    hintOptions: { hint: complete, completeSingle: false },
  }) : null;
  const getQuery = () => cm ? cm.getValue() : textarea.value;
  const setQuery = (q) => { if (cm) cm.setValue(q); else textarea.value = q; };
  if (cm) {
    cm.getWrapperElement().setAttribute("aria-describedby", "query-help");
    cm.on("inputRead", (editor, change) => {
      if (/^[\w:]$/.test(change.text[0] || "")) editor.showHint({ completeSingle: false });
    });
    cm.on("change", clearMark);
  } else {
    textarea.addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); } });
  }

  function complete(editor) {
    const cur = editor.getCursor(), line = editor.getLine(cur.line);
    let start = cur.ch;
    while (start > 0 && /[\w:.-]/.test(line[start - 1])) start--;
    const word = line.slice(start, cur.ch);
    if (!word || word.startsWith("?")) return null;
    let list;
    if (word.includes(":")) {
      list = terms.filter((t) => t.name.toLowerCase().startsWith(word.toLowerCase()))
        .map((t) => ({ text: t.name, displayText: t.name + "  —  " + t.label + " (" + t.kind + ")" }));
    } else {
      list = prefixes.filter((p) => p[0].startsWith(word.toLowerCase()))
        .map((p) => ({ text: p[0] + ":", displayText: p[0] + ":  " + p[1] }));
      const kw = JSON.parse(app.dataset.keywords || "[]");
      list = list.concat(kw.filter((k) => k.startsWith(word.toUpperCase()) && word.length >= 2).map((k) => ({ text: k, displayText: k })));
    }
    return list.length ? { list: list.slice(0, 40), from: window.CodeMirror.Pos(cur.line, start), to: cur } : null;
  }

  function clearMark() {
    if (marked) { marked.clear(); marked = null; }
    if (cm) cm.eachLine((h) => cm.removeLineClass(h, "background", "cm-error-line"));
  }

  function markError(line, column, length) {
    if (!cm || !line) return;
    clearMark();
    const l = Math.min(line - 1, cm.lineCount() - 1), ch = Math.max(0, (column || 1) - 1);
    cm.addLineClass(l, "background", "cm-error-line");
    const end = Math.min(cm.getLine(l).length, ch + Math.max(1, length || 1));
    marked = cm.markText({ line: l, ch: ch }, { line: l, ch: Math.max(end, ch + 1) }, { className: "cm-error-mark", attributes: { title: "error here" } });
    cm.scrollIntoView({ line: l, ch: ch }, 60);
  }

  // ---- links and terms
  const langSuffix = (sep) => lang ? sep + "lang=" + encodeURIComponent(lang) : "";
  function localHref(iri) {
    if (iri.startsWith(idBase) && iri.length > idBase.length) {
      const hash = iri.indexOf("#"), base = hash >= 0 ? iri.slice(0, hash) : iri;
      return pageBase + base.slice(idBase.length).split("/").map(encodeURIComponent).join("/") + langSuffix("?") + (hash >= 0 ? iri.slice(hash) : "");
    }
    if (iri.startsWith(datasetBase)) return describeBase + "iri=" + encodeURIComponent(iri) + langSuffix("&");
    return /^https?:\/\//i.test(iri) ? iri : null;
  }
  function prefixed(iri) {
    for (const [prefix, base] of prefixes) {
      const local = iri.slice(base.length);
      if (iri.startsWith(base) && /^[\w.-]*$/.test(local)) return prefix + ":" + local;
    }
    return iri;
  }
  function termNode(term) {
    const span = document.createElement("span");
    if (!term) return span;
    if (term.type === "uri") {
      const href = localHref(term.value), el = href ? document.createElement("a") : span;
      if (href) el.href = href;
      el.textContent = prefixed(term.value); el.title = term.value;
      return el;
    }
    if (term.type === "bnode") { span.textContent = "_:" + term.value; return span; }
    span.textContent = typeof term.value === "string" ? term.value : JSON.stringify(term.value);
    const tag = term["xml:lang"];
    if (tag) span.lang = tag;
    const xsd = "http://www.w3.org/2001/XMLSchema#";
    const note = tag ? "@" + tag : term.datatype && !term.datatype.endsWith("#string") ? term.datatype.replace(xsd, "xsd:") : "";
    if (!note) return span;
    const small = document.createElement("span");
    small.className = "tag"; small.textContent = note;
    const wrap = document.createElement("span");
    wrap.append(span, " ", small);
    return wrap;
  }
  function showMessage(text, kind, detail) {
    message.replaceChildren(text);
    if (detail) {
      const more = document.createElement("details"), summary = document.createElement("summary"), code = document.createElement("code");
      summary.textContent = app.dataset.parserLabel || "Parser";
      code.textContent = detail;
      more.append(summary, code);
      message.appendChild(more);
    }
    message.className = "message " + kind; message.hidden = !text;
  }
  // "SPARQL syntax error at 2:6: unknown prefix `persn:` — … (parser: error at 2:12: …)"
  function explain(raw) {
    const m = /^SPARQL syntax error at (\d+):(\d+): ([\s\S]*?)(?: \(parser: ([\s\S]*)\))?$/.exec(raw.trim());
    if (!m) return { line: null, column: null, length: 1, message: raw, parser: "" };
    const line = Number(m[1]), column = Number(m[2]), named = /`([^`]+)`/.exec(m[3]);
    // Mark the word the message names when it stands there, else one character.
    const at = cm && line <= cm.lineCount() ? cm.getLine(line - 1).slice(column - 1) : "";
    const length = named && at.startsWith(named[1]) ? named[1].length : 1;
    return { line: line, column: column, length: length, message: m[3], parser: m[4] || "" };
  }

  // ---- labels for the IRIs in a result, asked of the same endpoint
  async function fetchLabels(iris, signal) {
    const wanted = Array.from(iris).filter((i) => !/[<>"{}|^`\\\s]/.test(i)).slice(0, 800);
    if (!wanted.length) return {};
    const langs = [lang || "en", "en", "uz-Latn"];
    const q = "SELECT ?s ?l (LANG(?l) AS ?lang) WHERE { VALUES ?s { " + wanted.map((i) => "<" + i + ">").join(" ") +
      " } ?s skos:prefLabel|rdfs:label|dct:title ?l }";
    const r = await fetch(endpoint, { method: "POST", signal: signal,
      headers: { "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8", Accept: "application/sparql-results+json" },
      body: new URLSearchParams({ query: q }) });
    if (!r.ok) return {};
    const best = {};
    for (const b of (await r.json()).results.bindings) {
      const l = (b.lang && b.lang.value || "").toLowerCase();
      let rank = langs.findIndex((x) => l === x.toLowerCase() || l.startsWith(x.toLowerCase() + "-"));
      if (rank < 0) rank = 9;
      const cur = best[b.s.value];
      if (!cur || rank < cur.rank) best[b.s.value] = { rank: rank, text: b.l.value, lang: b.l["xml:lang"] || "" };
    }
    return best;
  }

  // ---- the table: label columns beside IRI columns, sorting, pages
  function buildTable(vars, rows, labels) {
    const iriVars = vars.filter((v) => rows.some((r) => r[v] && r[v].type === "uri"));
    const cols = [];
    for (const v of vars) {
      cols.push({ name: v, key: (r) => r[v] ? String(r[v].value) : "", cell: (r) => termNode(r[v]) });
      if (iriVars.includes(v)) {
        cols.push({ name: v + " label", label: true,
          key: (r) => r[v] && labels[r[v].value] ? labels[r[v].value].text : "",
          cell: (r) => { const s = document.createElement("span"); const l = r[v] && labels[r[v].value];
            if (l) { s.textContent = l.text; if (l.lang) s.lang = l.lang; } return s; } });
      }
    }
    table = { cols: cols, rows: rows.slice(), page: 0, sortCol: -1, dir: 1 };
    drawTable();
  }
  function drawTable() {
    const t = table, el = document.createElement("table"), head = el.createTHead().insertRow();
    t.cols.forEach((c, i) => {
      const th = document.createElement("th");
      th.scope = "col";
      th.setAttribute("aria-sort", t.sortCol === i ? (t.dir > 0 ? "ascending" : "descending") : "none");
      if (c.label) th.className = "label-col";
      const b = document.createElement("button");
      b.type = "button"; b.className = "sort"; b.textContent = c.name;
      b.addEventListener("click", () => {
        t.dir = t.sortCol === i ? -t.dir : 1; t.sortCol = i; t.page = 0;
        const num = t.rows.every((r) => { const k = c.key(r); return k === "" || !isNaN(Number(k)); });
        t.rows.sort((a, z) => { const ka = c.key(a), kz = c.key(z);
          if (ka === "" && kz !== "") return 1; if (kz === "" && ka !== "") return -1;
          return t.dir * (num ? Number(ka) - Number(kz) : ka.localeCompare(kz)); });
        drawTable();
        results.querySelectorAll("button.sort")[i].focus();
      });
      th.appendChild(b); head.appendChild(th);
    });
    const body = el.createTBody();
    for (const r of t.rows.slice(t.page * PAGE, (t.page + 1) * PAGE)) {
      const tr = body.insertRow();
      for (const c of t.cols) { const td = tr.insertCell(); if (c.label) td.className = "label-col"; td.appendChild(c.cell(r)); }
    }
    const wrap = document.createElement("div");
    wrap.className = "scroll"; wrap.appendChild(el);
    results.replaceChildren(wrap);
    const pages = Math.ceil(t.rows.length / PAGE);
    pager.hidden = pages <= 1;
    pageInfo.textContent = (t.page * PAGE + 1) + "–" + Math.min(t.rows.length, (t.page + 1) * PAGE) + " / " + t.rows.length;
    $("prev-page").disabled = t.page === 0;
    $("next-page").disabled = t.page >= pages - 1;
  }
  $("prev-page").addEventListener("click", () => { table.page--; drawTable(); });
  $("next-page").addEventListener("click", () => { table.page++; drawTable(); });

  function setDownloads(isGraph, query) {
    downloads.hidden = false;
    $("download-results").hidden = isGraph;
    $("download-graph").hidden = !isGraph;
    for (const a of downloads.querySelectorAll("a[data-format]")) {
      a.href = endpoint + "?" + new URLSearchParams({ query: query, format: a.dataset.format });
    }
  }
  async function errorText(response) {
    const text = await response.text();
    try {
      const body = JSON.parse(text), error = body.error;
      if (error && typeof error === "object") return error.message || error.title || text;
      return body.message || (typeof error === "string" ? error : text);
    } catch (e) {
      const doc = new DOMParser().parseFromString(text, "text/html");
      return (doc.body && doc.body.textContent.trim()) || text;
    }
  }

  // ---- running
  function newQueryId() {  // 128 random bits; crypto.randomUUID needs a secure context, this does not
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }
  function stop(controller) {
    controller.abort();
    fetch(endpoint + "/cancel", { method: "POST", headers: { "X-Ittifoq-Query-Id": controller.queryId } })
      .catch(() => {});
  }
  async function run() {
    const query = getQuery();
    if (running) stop(running);
    const controller = new AbortController();
    controller.queryId = newQueryId();
    running = controller;
    runButton.disabled = true; cancelButton.disabled = false;
    status.textContent = "Running…";
    showMessage("", "note"); clearMark();
    const params = new URLSearchParams(window.location.search);
    params.set("query", query); params.delete("example");
    history.replaceState(null, "", window.location.pathname + "?" + params);
    const started = performance.now();
    try {
      const response = await fetch(endpoint, { method: "POST", signal: controller.signal,
        headers: { "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
                   Accept: "application/sparql-results+json, text/turtle;q=0.9, */*;q=0.1",
                   "X-Ittifoq-Query-Id": controller.queryId },
        body: new URLSearchParams({ query: query }) });
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      if (!response.ok) {
        results.replaceChildren(); downloads.hidden = true; pager.hidden = true;
        const raw = await errorText(response);
        // The server says what is wrong in plain words, led by the line and column, with the
        // parser's own message after it (ittifoq.query_hints): the page only lays it out.
        const words = explain(raw);
        const where = words.line ? "line " + words.line + ", column " + words.column + ": " : "";
        showMessage(response.status + " " + (response.statusText || "") + " — " + where + words.message, "error", words.parser);
        markError(words.line, words.column, words.length);
        status.textContent = "Failed after " + seconds + " s";
        return;
      }
      const type = response.headers.get("Content-Type") || "";
      const notes = [];
      response.headers.forEach((value, name) => { if (/truncat/i.test(name)) notes.push(name + ": " + value); });
      if (type.includes("sparql-results+json")) {
        const data = await response.json();
        if (typeof data.boolean === "boolean") {
          const p = document.createElement("p");
          p.className = "boolean"; p.textContent = data.boolean ? "true" : "false";
          results.replaceChildren(p); pager.hidden = true;
          status.textContent = "Answer in " + seconds + " s";
        } else {
          const vars = data.head.vars || [], rows = data.results.bindings;
          const iris = new Set();
          for (const r of rows) for (const v of vars) if (r[v] && r[v].type === "uri") iris.add(r[v].value);
          buildTable(vars, rows, {});
          status.textContent = rows.length + " row" + (rows.length === 1 ? "" : "s") + " in " + seconds + " s";
          fetchLabels(iris, controller.signal).then((labels) => { if (running === null || running === controller) buildTable(vars, rows, labels); }).catch(() => {});
        }
        setDownloads(false, query);
      } else {
        const pre = document.createElement("pre");
        pre.textContent = await response.text();
        results.replaceChildren(pre); pager.hidden = true;
        status.textContent = "Graph in " + seconds + " s";
        setDownloads(true, query);
      }
      if (notes.length) showMessage("Results truncated: " + notes.join("; "), "note");
    } catch (e) {
      if (e.name === "AbortError") { status.textContent = "Cancelled"; return; }
      showMessage("Could not reach the endpoint: " + e, "error");
      status.textContent = "";
    } finally {
      if (running === controller) { running = null; runButton.disabled = false; cancelButton.disabled = true; }
    }
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  cancelButton.addEventListener("click", () => { if (running) stop(running); });
  for (const button of document.querySelectorAll("button.example")) {
    button.addEventListener("click", () => {
      for (const other of document.querySelectorAll("button.example.current")) other.classList.remove("current");
      button.classList.add("current");
      setQuery(button.dataset.query);
      run();
    });
  }
  // A shared link (?query=… or ?example=…) runs its query at once.
  const params = new URLSearchParams(window.location.search);
  if (params.has("example") || params.has("query")) run();
})();
