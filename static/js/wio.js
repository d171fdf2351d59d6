// WIO's few behaviours on top of htmx; every page also works without this file.
(function () {
  "use strict";

  // After a form with errors is swapped in, put the keyboard on the first field to fix.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!target || !target.querySelector) return;
    var invalid = target.querySelector(".is-invalid, [aria-invalid='true']");
    if (invalid) {
      invalid.focus();
      return;
    }
    var alert = target.querySelector(".alert-danger, .alert-warning");
    if (alert) {
      alert.setAttribute("tabindex", "-1");
      alert.focus();
    }
  });

  // "Toon de volgende 20", and a section loading its rows as it scrolls into view, replace the link
  // the keyboard may be on: put the keyboard on what came in its place, not back at the page's top.
  var replacedFocus = null;
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    replacedFocus = null;
    if (target && target.contains(document.activeElement) && target !== document.body) {
      replacedFocus = { target: target, parent: target.parentElement, before: target.previousElementSibling };
    }
  });
  document.body.addEventListener("htmx:afterSwap", function () {
    var place = replacedFocus;
    replacedFocus = null;
    if (!place || !place.parent || document.body.contains(place.target)) return;
    var arrived = place.before ? place.before.nextElementSibling : place.parent.firstElementChild;
    if (!arrived) return;
    if (!arrived.hasAttribute("tabindex")) arrived.setAttribute("tabindex", "-1");
    arrived.focus({ preventScroll: true });
  });

  // Any other failed in-page request must not pass silently.
  function showFailure() {
    var box = document.getElementById("messages");
    if (!box) return;
    var message = document.createElement("div");
    message.className = "alert alert-danger";
    message.setAttribute("role", "alert");
    message.textContent = document.body.dataset.requestFailed || "";
    box.replaceChildren(message);
  }
  document.body.addEventListener("htmx:responseError", showFailure);
  document.body.addEventListener("htmx:sendError", showFailure);

  // A second click while a plain form is being sent would send it again.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.hasAttribute("hx-post")) return;
    if (form.dataset.submitting === "true") {
      event.preventDefault();
      return;
    }
    form.dataset.submitting = "true";
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-submitting]").forEach(function (form) {
      delete form.dataset.submitting;
    });
  });
})();
