// Regions and topics as chips chosen from the vocabulary. Enhances the comma-separated text input
// (which stays the form field, hidden, so the form works the same without this file): typing shows
// matching terms the user may see; Enter, a comma or a click adds a chip; a chip's × removes it.
// A term that is not in the vocabulary is marked: only editors can add one, and the server checks.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const parse = (text) => {
    const seen = new Map();
    for (const part of text.split(",")) {
      const name = part.trim().replace(/^"|"$/g, "").trim();
      if (name && !seen.has(name.toLocaleLowerCase())) seen.set(name.toLocaleLowerCase(), name);
    }
    return [...seen.values()];
  };

  for (const input of document.querySelectorAll("input.nr-tag-input[data-suggest-url]")) {
    const canCreate = input.dataset.canCreate === "true";
    const kind = input.dataset.termKind || "term";
    let names = parse(input.value);
    const known = new Set(names.map((name) => name.toLocaleLowerCase()));

    const box = document.createElement("div");
    box.className = "nr-chips";
    const entry = document.createElement("input");
    entry.type = "text";
    entry.id = `${input.id}_entry`;
    entry.className = "nr-chip-entry";
    entry.autocomplete = "off";
    entry.setAttribute("role", "combobox");
    entry.setAttribute("aria-autocomplete", "list");
    entry.setAttribute("aria-expanded", "false");
    const options = document.createElement("ul");
    options.className = "nr-chip-options";
    options.id = `${input.id}_options`;
    options.setAttribute("role", "listbox");
    options.hidden = true;
    entry.setAttribute("aria-controls", options.id);
    const note = document.createElement("p");
    note.className = "help nr-chip-note";
    note.setAttribute("aria-live", "polite");
    const label = document.querySelector(`label[for="${input.id}"]`);
    if (label) label.htmlFor = entry.id;
    input.hidden = true;
    input.after(box, note);
    box.append(entry, options);

    function sync() {
      input.value = names.join(", ");
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
    function render() {
      box.querySelectorAll(".nr-chip").forEach((chip) => chip.remove());
      for (const name of names) {
        const chip = document.createElement("span");
        chip.className = "nr-chip";
        if (!known.has(name.toLocaleLowerCase())) {
          chip.classList.add("nr-chip--new");
          chip.title = canCreate ? `New ${kind}: it will be added on save` : `Not in the list: only editors add new ${kind}s`;
        }
        const text = document.createElement("span");
        text.textContent = name;
        const remove = document.createElement("button");
        remove.type = "button";
        remove.textContent = "×";
        remove.setAttribute("aria-label", `Remove ${name}`);
        remove.addEventListener("click", () => {
          names = names.filter((other) => other !== name);
          sync();
          render();
          entry.focus();
        });
        chip.append(text, remove);
        entry.before(chip);
      }
      const unknown = names.filter((name) => !known.has(name.toLocaleLowerCase()));
      note.textContent =
        unknown.length && !canCreate
          ? `Not in the list: ${unknown.join(", ")}. Only editors add new ${kind}s; choose an existing one.`
          : "";
    }

    async function lookup(term) {
      const url = `${input.dataset.suggestUrl}?term=${encodeURIComponent(term)}`;
      const response = await fetch(url, { credentials: "same-origin" });
      if (!response.ok) return [];
      const { results } = await response.json();
      results.forEach((name) => known.add(name.toLocaleLowerCase()));
      return results;
    }

    async function add(name) {
      name = name.trim();
      close();
      entry.value = "";
      if (!name) return;
      if (!known.has(name.toLocaleLowerCase())) {
        const match = (await lookup(name)).find((found) => found.toLocaleLowerCase() === name.toLocaleLowerCase());
        if (match) name = match;
      }
      if (!names.some((other) => other.toLocaleLowerCase() === name.toLocaleLowerCase())) {
        names.push(name);
        sync();
      }
      render();
    }

    let active = -1;
    function close() {
      options.hidden = true;
      options.replaceChildren();
      entry.setAttribute("aria-expanded", "false");
      entry.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function highlight(index) {
      const items = [...options.children];
      items.forEach((item, i) => item.setAttribute("aria-selected", String(i === index)));
      active = index;
      if (items[index]) entry.setAttribute("aria-activedescendant", items[index].id);
    }
    function show(results) {
      const chosen = new Set(names.map((name) => name.toLocaleLowerCase()));
      const offered = results.filter((name) => !chosen.has(name.toLocaleLowerCase()));
      options.replaceChildren(
        ...offered.map((name, i) => {
          const item = document.createElement("li");
          item.id = `${options.id}-${i}`;
          item.setAttribute("role", "option");
          item.textContent = name;
          item.addEventListener("mousedown", (event) => {
            event.preventDefault();
            add(name);
          });
          return item;
        })
      );
      options.hidden = offered.length === 0;
      entry.setAttribute("aria-expanded", String(!options.hidden));
      highlight(offered.length ? 0 : -1);
    }

    let pending;
    entry.addEventListener("input", () => {
      clearTimeout(pending);
      if (entry.value.includes(",")) {
        const parts = entry.value.split(",");
        entry.value = parts.pop();
        parts.forEach(add);
        return;
      }
      const term = entry.value.trim();
      if (!term) return close();
      pending = setTimeout(async () => show(await lookup(term)), 150);
    });
    entry.addEventListener("keydown", (event) => {
      const count = options.children.length;
      if (event.key === "ArrowDown" && count) {
        event.preventDefault();
        highlight((active + 1) % count);
      } else if (event.key === "ArrowUp" && count) {
        event.preventDefault();
        highlight((active - 1 + count) % count);
      } else if (event.key === "Enter") {
        event.preventDefault(); // Enter picks a term; it never submits the form from here
        add(active >= 0 && !options.hidden ? options.children[active].textContent : entry.value);
      } else if (event.key === "Escape") {
        close();
      } else if (event.key === "Backspace" && !entry.value && names.length) {
        names.pop();
        sync();
        render();
      }
    });
    entry.addEventListener("blur", () => setTimeout(close, 150));
    box.addEventListener("click", (event) => {
      if (event.target === box) entry.focus();
    });
    input.form?.addEventListener("submit", () => {
      // Text typed but not yet turned into a chip is still meant.
      const rest = entry.value.trim();
      if (rest && !names.some((name) => name.toLocaleLowerCase() === rest.toLocaleLowerCase())) {
        names.push(rest);
        input.value = names.join(", ");
      }
    });
    render();
  }
});
