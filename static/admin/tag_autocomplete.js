// Suggests existing regions/topics for the comma-separated tag inputs on the article form.
// A <datalist> whose options repeat the tags already typed, so picking one completes the last tag.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const input of document.querySelectorAll("input.nr-tag-input[data-suggest-url]")) {
    const list = document.createElement("datalist");
    list.id = `${input.id}-suggestions`;
    input.after(list);
    input.setAttribute("list", list.id);
    let pending;
    input.addEventListener("input", () => {
      clearTimeout(pending);
      pending = setTimeout(async () => {
        const parts = input.value.split(",");
        const term = parts.pop().trim();
        if (!term) return list.replaceChildren();
        const prefix = parts.map((p) => p.trim()).filter(Boolean);
        const url = `${input.dataset.suggestUrl}?term=${encodeURIComponent(term)}`;
        const response = await fetch(url, { credentials: "same-origin" });
        if (!response.ok) return;
        const { results } = await response.json();
        list.replaceChildren(
          ...results
            .filter((name) => !prefix.includes(name))
            .map((name) => new Option([...prefix, name].join(", ")))
        );
      }, 150);
    });
  }
});
