// The library picker window: hand the chosen image back to the body editor that opened it
// (django-prose-editor's Figure picker protocol), then close.
"use strict";
document.addEventListener("click", (event) => {
  const button = event.target.closest(".nr-picker button[data-id]");
  if (!button) return;
  const grid = button.closest(".nr-picker");
  const funcNum = Number(grid.dataset.funcNum);
  const opener = window.opener;
  if (!opener || !opener.CKEDITOR || !opener.CKEDITOR.tools) return;
  opener.CKEDITOR.tools.callFunction(funcNum, button.dataset.url, {
    id: button.dataset.id,
    alternative_text: button.dataset.alt,
    caption: button.dataset.caption,
  });
  window.close();
});
