// Starts Wagtail's date and time choosers without inline scripts (blocked by our
// Content Security Policy): each widget carries its set-up in data attributes.
(function () {
  "use strict";

  function start(marker) {
    if (marker.dataset.portalChooserStarted) return;
    var init = window[marker.dataset.portalChooser];
    if (typeof init !== "function") return;
    marker.dataset.portalChooserStarted = "yes";
    init(marker.dataset.portalChooserFor, JSON.parse(marker.dataset.portalChooserConfig || "{}"));
  }

  function startAll(root) {
    root.querySelectorAll("[data-portal-chooser]").forEach(start);
  }

  document.addEventListener("DOMContentLoaded", function () {
    startAll(document);
    // Inline panels and modals add widgets later.
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(function (node) {
          if (node.nodeType === 1) {
            if (node.matches("[data-portal-chooser]")) start(node);
            startAll(node);
          }
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
