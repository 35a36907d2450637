// The timeline: the full name and dates of the mark under the pointer or keyboard focus are
// written above the drawing (labels in the drawing are cut to fit).
(function () {
  "use strict";
  const out = document.getElementById("timeline-focus");
  if (!out) return;
  const show = (a) => {
    out.textContent = "";
    const name = document.createElement("strong");
    name.textContent = a.dataset.full;
    const text = a.querySelector("text");
    if (text && text.getAttribute("lang")) name.lang = text.getAttribute("lang");
    out.append(name, " — " + a.dataset.dates);
  };
  for (const a of document.querySelectorAll("svg.timeline a.item")) {
    a.addEventListener("focus", () => show(a));
    a.addEventListener("mouseenter", () => show(a));
  }
})();
