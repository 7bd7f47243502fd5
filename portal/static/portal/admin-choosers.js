// Starts Wagtail's admin widgets without inline scripts, which our Content
// Security Policy blocks. Each widget carries its set-up in data attributes
// (portal/admin_widgets.py, portal/templates/wagtailadmin/):
//   data-portal-init="SnippetChooser" data-portal-init-args='["id_partner", {...}]'
//     runs `new SnippetChooser("id_partner", {...})`, as Wagtail's inline script would;
//   data-portal-chooser="initDateChooser" (date and time fields) calls the function.
// Only Wagtail's own set-up functions may be named.
(function () {
  "use strict";

  var CONSTRUCTORS = [
    "Chooser",
    "PageChooser",
    "SnippetChooser",
    "DocumentChooser",
    "ImageChooser",
    "InlinePanel",
    "MultipleChooserPanel",
  ];
  var FUNCTIONS = ["initDateChooser", "initTimeChooser", "initDateTimeChooser", "createTaskChooser"];
  var SELECTOR = "[data-portal-init], [data-portal-chooser]";

  function construct(name, args) {
    var Constructor = window[name];
    if (CONSTRUCTORS.indexOf(name) < 0 || typeof Constructor !== "function") {
      throw new Error("Cannot start admin widget " + name);
    }
    return new (Function.prototype.bind.apply(Constructor, [null].concat(args)))();
  }

  function call(name, args) {
    var fn = window[name];
    if (FUNCTIONS.indexOf(name) < 0 || typeof fn !== "function") {
      throw new Error("Cannot start admin widget " + name);
    }
    return fn.apply(window, args);
  }

  function start(marker) {
    if (marker.dataset.portalStarted) return;
    marker.dataset.portalStarted = "yes";
    if (marker.dataset.portalInit) {
      var args = JSON.parse(marker.dataset.portalInitArgs || "[]");
      if (FUNCTIONS.indexOf(marker.dataset.portalInit) >= 0) call(marker.dataset.portalInit, args);
      else construct(marker.dataset.portalInit, args);
    } else {
      call(marker.dataset.portalChooser, [
        marker.dataset.portalChooserFor,
        JSON.parse(marker.dataset.portalChooserConfig || "{}"),
      ]);
    }
  }

  // In document order, as Wagtail's inline scripts would have run.
  function startAll(root) {
    if (root.matches && root.matches(SELECTOR)) start(root);
    root.querySelectorAll(SELECTOR).forEach(start);
  }

  function begin() {
    startAll(document);
    // Inline panels, chooser modals and StreamField blocks add widgets later.
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(function (node) {
          if (node.nodeType === 1) startAll(node);
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  // As soon as the page is parsed, before DOMContentLoaded: Wagtail's controllers
  // (the chooser's "Actions" dropdown among them) connect on DOMContentLoaded and
  // move markup the widgets look for, as Wagtail's inline scripts never let them.
  if (document.readyState === "loading") {
    document.addEventListener("readystatechange", function once() {
      document.removeEventListener("readystatechange", once);
      begin();
    });
  } else {
    begin();
  }
})();
