/* Public casework pages. The complaint form shows only the fields that apply to the chosen type
   and marks the ones it needs; the receipt gets a print button. Without JavaScript every field
   shows and the page lists what each type needs, so the form works all the same. */
(function () {
  "use strict";

  function listHas(value, item) {
    return (value || "").split(" ").indexOf(item) !== -1;
  }

  function applyKind(form) {
    var checked = form.querySelector('input[name="kind"]:checked');
    if (!checked) {
      return;
    }
    var kind = checked.value;
    var named = form.querySelector('input[name="is_real_name"]');
    var isNamedReport = kind === "report" && named !== null && named.checked;
    form.querySelectorAll("[data-kinds]").forEach(function (element) {
      var applies = listHas(element.getAttribute("data-kinds"), kind);
      element.hidden = !applies;
      if (element.hasAttribute("data-field")) {
        element.querySelectorAll("input, select, textarea").forEach(function (input) {
          input.disabled = !applies; // a field that does not apply is not sent
        });
      }
    });
    form.querySelectorAll("[data-required-for]").forEach(function (element) {
      var mark = element.querySelector(".required-mark");
      if (mark !== null) {
        mark.hidden = !(listHas(element.getAttribute("data-required-for"), kind) ||
          (isNamedReport && element.hasAttribute("data-required-if-named")));
      }
    });
    document.querySelectorAll("[data-requirement]").forEach(function (element) {
      element.hidden = element.getAttribute("data-requirement") !== kind; // only the chosen type's needs
    });
  }

  function setUp() {
    var form = document.getElementById("case-form");
    if (form !== null) {
      form.addEventListener("change", function (event) {
        var name = event.target.getAttribute("name");
        if (name === "kind" || name === "is_real_name") {
          applyKind(form);
        }
      });
      applyKind(form);
    }
    var summary = document.getElementById("error-summary");
    if (summary !== null) {
      summary.focus();
    }
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
