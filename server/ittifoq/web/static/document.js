// Document pages: when the address names an evidence span (#ev-start-end), emphasise every
// highlighted piece of that span (a span may be cut into pieces where others overlap it).
(function () {
  "use strict";
  function emphasise() {
    for (const el of document.querySelectorAll("mark.current")) el.classList.remove("current");
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (!/^ev-\d+-\d+$/.test(id)) return;
    const marks = document.querySelectorAll('mark[data-ev~="' + id + '"]');
    for (const el of marks) el.classList.add("current");
    if (marks.length) marks[0].scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", emphasise);
  emphasise();
})();
