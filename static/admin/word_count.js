// Word count and reading time under the body editor, updated as the writer types.
// Same pace as Article.reading_minutes (230 words a minute); a static file, no inline script.
"use strict";
(() => {
  const WORDS_PER_MINUTE = 230;

  function describe(text) {
    const words = text.trim() ? text.trim().split(/\s+/).length : 0;
    const minutes = Math.max(1, Math.round(words / WORDS_PER_MINUTE));
    return `${words} word${words === 1 ? "" : "s"}, about ${minutes} min to read`;
  }

  function start() {
    const output = document.querySelector(".field-reading_time .readonly");
    const body = document.querySelector(".field-body .ProseMirror[contenteditable]");
    if (!output || !body) return false;
    output.setAttribute("aria-live", "polite");
    const update = () => {
      output.textContent = describe(body.innerText || "");
    };
    new MutationObserver(update).observe(body, { childList: true, subtree: true, characterData: true });
    update();
    return true;
  }

  // The editor mounts itself after load; wait for it briefly.
  document.addEventListener("DOMContentLoaded", () => {
    let tries = 0;
    const timer = setInterval(() => {
      if (start() || ++tries > 50) clearInterval(timer);
    }, 100);
  });
})();
