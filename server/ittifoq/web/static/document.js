// Document pages: when the address names an evidence span (#ev-start-end), emphasise every
// highlighted piece of that span (a span may be cut into pieces where others overlap it);
// when it names any other passage (#at-start-end, from the full-text search), mark it.
(function () {
  "use strict";
  const text = document.querySelector(".document-text .text");

  // The text nodes of the document in order, with their offsets (note numbers left out).
  function pieces() {
    const out = [];
    let offset = 0;
    const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => n.parentElement.closest("sup.note") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      out.push({ node: n, start: offset });
      offset += n.data.length;
    }
    return out;
  }

  function markPassage(start, end) {
    const made = [];
    for (const p of pieces()) {
      const a = Math.max(start, p.start), b = Math.min(end, p.start + p.node.data.length);
      if (a >= b) continue;
      const range = document.createRange();
      range.setStart(p.node, a - p.start);
      range.setEnd(p.node, b - p.start);
      const mark = document.createElement("mark");
      mark.className = "current found";
      range.surroundContents(mark);
      made.push(mark);
    }
    return made;
  }

  function emphasise() {
    for (const el of document.querySelectorAll("mark.current")) {
      if (el.classList.contains("found")) el.replaceWith(...el.childNodes);
      else el.classList.remove("current");
    }
    if (text) text.normalize();
    const id = decodeURIComponent(window.location.hash.slice(1));
    let marks = [];
    if (/^ev-\d+-\d+$/.test(id)) {
      marks = Array.from(document.querySelectorAll('mark[data-ev~="' + id + '"]'));
      for (const el of marks) el.classList.add("current");
    } else if (text && /^at-\d+-\d+$/.test(id)) {
      const [, s, e] = id.split("-").map(Number);
      marks = markPassage(s, e);
    }
    if (marks.length) marks[0].scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", emphasise);
  emphasise();
})();
