// The review page: a mark in the text and its candidate find each other; a rejection asks
// for its reason; the apply button says how many decisions it sends. The page works without
// it (plain forms); this file only helps. Its words come in the button's data-one, data-many
// and data-busy attributes, in the page's interface language.
(function () {
  "use strict";
  var form = document.getElementById("decisions");
  if (!form) return;
  var apply = document.getElementById("apply");

  function current(ids) {
    document.querySelectorAll(".current").forEach(function (el) { el.classList.remove("current"); });
    ids.forEach(function (id) {
      var card = document.getElementById("c-" + id);
      if (card) card.classList.add("current");
      document.querySelectorAll("mark[data-c]").forEach(function (m) {
        if (m.getAttribute("data-c").split(" ").indexOf(id) >= 0) m.classList.add("current");
      });
    });
  }

  document.querySelectorAll(".document-text mark[data-c]").forEach(function (m) {
    if (m.textContent.trim() !== "") {  // a mark of spaces only has no name to announce
      m.setAttribute("tabindex", "0");
      m.setAttribute("role", "button");
    }
    function go() {
      var ids = m.getAttribute("data-c").split(" ");
      var id = ids[ids.length - 1];  // the innermost candidate: the last one starting
      current([id]);
      var card = document.getElementById("c-" + id);
      if (card) { card.scrollIntoView({ block: "center" }); var r = card.querySelector("input"); if (r) r.focus(); }
    }
    m.addEventListener("click", go);
    m.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(); } });
  });

  document.querySelectorAll(".card").forEach(function (card) {
    card.addEventListener("focusin", function () { current([card.getAttribute("data-c")]); });
  });

  function count() {
    var n = 0;
    form.querySelectorAll("input[type=radio]:checked").forEach(function (r) {
      var reason = document.getElementById("reason-" + r.name.slice(3));
      if (reason) reason.required = r.value === "reject";
      if (r.value) n += 1;
    });
    apply.textContent = n === 1 ? apply.dataset.one : apply.dataset.many.replace("{n}", String(n));
    apply.disabled = n === 0;
  }
  form.addEventListener("change", count);
  form.addEventListener("submit", function () { apply.disabled = true; apply.textContent = apply.dataset.busy; });
  count();
})();
