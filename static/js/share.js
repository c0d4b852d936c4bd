// "Copy link" on article pages. The button stays hidden where the Clipboard API is missing, so
// no reader sees a control that cannot work. A static file, so the page needs no inline script.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  document.querySelectorAll("[data-copy-url]").forEach(function (button) {
    var status = button.closest(".share").querySelector(".share-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.dataset.copyUrl).then(
        function () { status.textContent = "Link copied."; },
        function () { status.textContent = "Could not copy the link."; }
      );
    });
  });
})();
