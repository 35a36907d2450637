// Every page: type-ahead suggestions in search boxes, sortable and filterable tables, and the
// Cite box filling itself with the plain-text citation when opened.
(function () {
  "use strict";
  const lang = new URLSearchParams(location.search).get("lang");

  // --- suggestions (a combobox: arrows move, Enter opens, Escape closes; Tab leaves normally)
  for (const input of document.querySelectorAll("input[data-suggest]")) {
    const form = input.form;
    const list = document.createElement("ul");
    list.className = "suggestions";
    list.id = "suggest-" + Math.random().toString(36).slice(2);
    list.setAttribute("role", "listbox");
    list.hidden = true;
    form.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    let timer = null, active = -1, controller = null;
    const close = () => { list.hidden = true; input.setAttribute("aria-expanded", "false"); active = -1; };
    const show = (items) => {
      list.textContent = "";
      items.forEach((it, i) => {
        const li = document.createElement("li");
        li.setAttribute("role", "none");  // the listbox's options are the links
        const a = document.createElement("a");
        a.href = it.href; a.id = list.id + "-" + i;
        a.setAttribute("role", "option"); a.tabIndex = -1;
        const name = document.createElement("span");
        name.textContent = it.label; if (it.lang) name.lang = it.lang;
        const hint = document.createElement("span");
        hint.className = "hint";
        hint.textContent = [it.types.join(", "), it.when].filter(Boolean).join(" · ");
        a.append(name, hint); li.appendChild(a); list.appendChild(li);
      });
      list.hidden = !items.length;
      input.setAttribute("aria-expanded", String(!!items.length));
    };
    const move = (d) => {
      const opts = list.querySelectorAll("a");
      if (!opts.length) return;
      if (active >= 0) opts[active].removeAttribute("aria-selected");
      active = (active + d + opts.length) % opts.length;
      opts[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", opts[active].id);
    };
    input.addEventListener("input", () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < 2) { close(); return; }
      timer = setTimeout(() => {
        if (controller) controller.abort();
        controller = new AbortController();
        const url = input.dataset.suggest + "?q=" + encodeURIComponent(q) + (lang ? "&lang=" + encodeURIComponent(lang) : "");
        fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } })
          .then((r) => r.ok ? r.json() : { results: [] })
          .then((data) => { active = -1; show(data.results || []); })
          .catch(() => {});
      }, 150);
    });
    input.addEventListener("keydown", (e) => {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { e.preventDefault(); move(1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
      else if (e.key === "Escape") { close(); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); location.href = list.querySelectorAll("a")[active].href; }
    });
    input.addEventListener("blur", () => setTimeout(close, 200));
  }

  // --- sortable tables: a button in each header cell
  for (const table of document.querySelectorAll("table.sortable")) {
    const body = table.tBodies[0];
    for (const button of table.querySelectorAll("button.sort")) {
      button.addEventListener("click", () => {
        const th = button.closest("th"), col = Number(button.dataset.col);
        const dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        for (const other of table.querySelectorAll("th")) other.setAttribute("aria-sort", "none");
        th.setAttribute("aria-sort", dir);
        const key = (tr) => { const td = tr.cells[col]; return (td.dataset.sort || td.textContent).trim().toLowerCase(); };
        const rows = Array.from(body.rows).sort((a, b) => {
          const ka = key(a), kb = key(b);
          if (!ka && kb) return 1; if (ka && !kb) return -1;
          return dir === "ascending" ? ka.localeCompare(kb) : kb.localeCompare(ka);
        });
        body.append(...rows);
      });
    }
  }

  // --- filters
  for (const input of document.querySelectorAll("input.list-filter")) {
    const table = document.getElementById(input.dataset.target);
    input.addEventListener("input", () => {
      const q = input.value.trim().toLowerCase();
      for (const tr of table.tBodies[0].rows) tr.hidden = q && !tr.textContent.toLowerCase().includes(q);
    });
  }

  // --- the Cite box
  for (const box of document.querySelectorAll("details.cite-box")) {
    box.addEventListener("toggle", () => {
      const body = box.querySelector(".cite-body"), pre = box.querySelector("pre.cite-text");
      if (!box.open || pre.textContent) return;
      fetch(body.dataset.cite + "?format=text").then((r) => r.text()).then((t) => { pre.textContent = t; });
    });
  }
})();
