// formgen web app: the little script the pages need (no inline script: the CSP forbids it).
// Everything works without it; it only hides what does not apply and fills dates from the picker.
(function () {
  "use strict";

  function partyFieldsetOf(select) {
    return select.closest("fieldset");
  }

  function showParty(select) {
    var fieldset = partyFieldsetOf(select);
    if (!fieldset) { return; }
    var chosen = select.value !== "" && select.value !== "__new__";
    var children = fieldset.querySelector(":scope > .children");
    if (children) {
      children.querySelectorAll(":scope > .party-field").forEach(function (node) {
        node.hidden = chosen;
      });
    }
    var newName = fieldset.querySelector(":scope > .party-choice .new-name");
    if (newName) { newName.hidden = select.value !== "__new__"; }
  }

  function syncDates(root) {
    root.querySelectorAll("input.date-picker").forEach(function (picker) {
      var text = document.getElementById(picker.dataset.for);
      if (!text || picker.dataset.bound) { return; }
      picker.dataset.bound = "1";
      picker.addEventListener("change", function () { text.value = picker.value; });
      text.addEventListener("input", function () {
        picker.value = /^\d{4}-\d{2}-\d{2}$/.test(text.value) ? text.value : "";
      });
    });
  }

  function start(root) {
    root.querySelectorAll("select.party-select").forEach(function (select) {
      showParty(select);
      select.addEventListener("change", function () { showParty(select); });
    });
    syncDates(root);
    root.querySelectorAll("input.url").forEach(function (input) {
      input.addEventListener("focus", function () { input.select(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { start(document); });
  document.addEventListener("htmx:afterSwap", function (event) { start(event.target); });
})();
