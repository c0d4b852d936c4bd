// The article change form as a writing screen: live word count and reading time, a warning before
// leaving with unsaved changes, a local copy of typed text offered back after a closed tab, byline
// ordering by drag or up/down buttons, and share links selected on focus. Without this file the
// form still works: positions fall back to the order rows were added in.
"use strict";
// The body editor may be ready before or after the page is parsed: remember it either way.
let bodyEditor = null;
let onBodyEditor = null;
document.addEventListener("prose-editor:ready", (event) => {
  if (event.detail.textarea.id !== "id_body") return;
  bodyEditor = event.detail.editor;
  onBodyEditor?.();
});

document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("#article_form");
  if (!form) return;
  const WORDS_PER_MINUTE = 230;
  const TEXT_FIELDS = ["headline", "deck", "summary", "body"];
  const body = form.querySelector("#id_body");

  // --- word count and reading time ---------------------------------------------------------
  const counter = document.querySelector(".nr-word-count");
  const plainText = (html) => new DOMParser().parseFromString(html || "", "text/html").body.textContent || "";
  function updateCount() {
    if (!counter || !body) return;
    const text = bodyEditor ? bodyEditor.getText() : plainText(body.value);
    const words = (text.match(/\S+/g) || []).length;
    const minutes = Math.max(1, Math.round(words / WORDS_PER_MINUTE));
    counter.textContent = `${words.toLocaleString()} word${words === 1 ? "" : "s"} · ${words ? minutes : 0} min read`;
  }

  // --- unsaved changes ---------------------------------------------------------------------
  const snapshot = () => {
    const data = new FormData(form);
    data.delete("csrfmiddlewaretoken");
    return JSON.stringify([...data.entries()].filter(([, value]) => typeof value === "string"));
  };
  let saved = null; // taken once the body editor has settled, so its own first render is not a change
  let submitting = false;
  const isDirty = () => saved !== null && !submitting && snapshot() !== saved;
  form.addEventListener("submit", () => {
    submitting = true;
    forgetDraft();
  });
  window.addEventListener("beforeunload", (event) => {
    if (!isDirty()) return;
    event.preventDefault();
    event.returnValue = "";
  });

  // --- local draft: typed text survives a closed tab -----------------------------------------
  const articleId = document.querySelector(".nr-writing")?.dataset.articleId || "new";
  const version = form.querySelector("[name=version]")?.value || "0";
  const draftKey = `newsroom:draft:${location.host}:${articleId}`;
  const current = () => Object.fromEntries(TEXT_FIELDS.map((name) => [name, form.elements[name]?.value ?? ""]));
  function forgetDraft() {
    try {
      localStorage.removeItem(draftKey);
    } catch {}
  }
  function keepDraft() {
    if (!isDirty()) return;
    try {
      localStorage.setItem(draftKey, JSON.stringify({ version, savedAt: Date.now(), fields: current() }));
    } catch {}
  }
  function restore(fields) {
    for (const name of TEXT_FIELDS) {
      if (name === "body" && bodyEditor) bodyEditor.commands.setContent(fields.body || "", true);
      else if (form.elements[name]) form.elements[name].value = fields[name] ?? "";
    }
    updateCount();
  }
  function offerDraft() {
    let stored;
    try {
      stored = JSON.parse(localStorage.getItem(draftKey) || "null");
    } catch {
      stored = null;
    }
    if (!stored || !stored.fields) return;
    const now = current();
    if (TEXT_FIELDS.every((name) => (stored.fields[name] ?? "") === (now[name] ?? ""))) return forgetDraft();
    const bar = document.createElement("div");
    bar.className = "nr-draft-bar";
    bar.setAttribute("role", "alert");
    const when = new Date(stored.savedAt).toLocaleString();
    const older = stored.version !== version ? " Someone has saved the article since; compare before restoring." : "";
    const text = document.createElement("span");
    text.textContent = `This browser kept text you typed on ${when} that was never saved.${older}`;
    const restoreButton = Object.assign(document.createElement("button"), { type: "button", textContent: "Restore" });
    const discardButton = Object.assign(document.createElement("button"), { type: "button", textContent: "Discard" });
    restoreButton.className = "button nr-draft-restore";
    discardButton.className = "button nr-draft-discard";
    restoreButton.addEventListener("click", () => {
      restore(stored.fields);
      bar.remove();
    });
    discardButton.addEventListener("click", () => {
      forgetDraft();
      bar.remove();
    });
    bar.append(text, restoreButton, discardButton);
    form.prepend(bar);
  }

  function settle() {
    if (saved !== null) return;
    saved = snapshot();
    updateCount();
    offerDraft();
  }
  onBodyEditor = () => {
    bodyEditor.on("update", () => {
      updateCount();
      keepDraft();
    });
    setTimeout(settle, 0);
  };
  if (bodyEditor) onBodyEditor();
  // A form without the rich editor (or one that failed to load) still counts and keeps drafts.
  window.addEventListener("load", () => setTimeout(settle, body ? 1500 : 0));
  form.addEventListener("input", () => {
    updateCount();
    keepDraft();
  });

  // --- bylines: order by drag or buttons; positions follow the rows --------------------------
  const group = document.querySelector("#bylines-group");
  const rows = () => [...group.querySelectorAll("tbody tr.form-row:not(.empty-form)")];
  function renumber() {
    let position = 0;
    for (const row of rows()) {
      const input = row.querySelector("input[name$='-position']");
      if (!input) continue;
      // A blank extra row keeps its default, so it stays unchanged and is not validated.
      const chosen = row.querySelector("select[name$='-author']")?.value;
      input.value = chosen ? String(position++) : input.defaultValue;
    }
  }
  function move(row, step) {
    const sibling = step < 0 ? row.previousElementSibling : row.nextElementSibling;
    if (!sibling || !sibling.matches("tr.form-row:not(.empty-form)")) return;
    if (step < 0) sibling.before(row);
    else sibling.after(row);
    renumber();
    row.querySelector(step < 0 ? ".nr-move-up" : ".nr-move-down")?.focus();
  }
  let dragged = null;
  function enhance(row) {
    if (row.dataset.nrOrder || row.classList.contains("empty-form")) return;
    row.dataset.nrOrder = "1";
    row.draggable = true;
    const cell = row.querySelector("td.original") || row.firstElementChild;
    const tools = document.createElement("span");
    tools.className = "nr-order-tools";
    const handle = Object.assign(document.createElement("span"), { className: "nr-drag-handle", textContent: "⠿" });
    handle.title = "Drag to reorder";
    const up = Object.assign(document.createElement("button"), { type: "button", className: "nr-move-up", textContent: "↑" });
    const down = Object.assign(document.createElement("button"), { type: "button", className: "nr-move-down", textContent: "↓" });
    up.setAttribute("aria-label", "Move up in the byline");
    down.setAttribute("aria-label", "Move down in the byline");
    up.addEventListener("click", () => move(row, -1));
    down.addEventListener("click", () => move(row, 1));
    tools.append(handle, up, down);
    cell.prepend(tools);
    row.addEventListener("dragstart", (event) => {
      dragged = row;
      row.classList.add("nr-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", row.id);
    });
    row.addEventListener("dragend", () => {
      row.classList.remove("nr-dragging");
      dragged = null;
      renumber();
    });
    row.addEventListener("dragover", (event) => {
      if (!dragged || dragged === row) return;
      event.preventDefault();
      const { top, height } = row.getBoundingClientRect();
      if (event.clientY < top + height / 2) row.before(dragged);
      else row.after(dragged);
    });
    row.addEventListener("drop", (event) => {
      event.preventDefault();
      renumber();
    });
  }
  if (group) {
    group.classList.add("nr-sortable");
    rows().forEach(enhance);
    renumber();
    document.addEventListener("formset:added", (event) => {
      if (event.detail?.formsetName !== "bylines") return;
      enhance(event.target);
      renumber();
    });
    document.addEventListener("formset:removed", renumber);
    form.addEventListener("submit", renumber);
  }

  // --- share links: select the whole address on focus ---------------------------------------
  for (const input of document.querySelectorAll("input.nr-share-link")) {
    input.addEventListener("focus", () => input.select());
  }
});
