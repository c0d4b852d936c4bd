// Show the library image just chosen in a lead-image or photo field, before the form is saved.
"use strict";
(() => {
  const FIELDS = { id_lead_image: ".field-lead_image_preview .readonly", id_photo: ".field-photo_preview .readonly" };

  function show(select) {
    const target = document.querySelector(FIELDS[select.id]);
    if (!target) return;
    if (!select.value) {
      target.textContent = "-";
      return;
    }
    const base = select.dataset.previewUrl.replace("/0/", `/${encodeURIComponent(select.value)}/`);
    fetch(base, { credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : null))
      .then((data) => {
        if (!data) return;
        const img = document.createElement("img");
        Object.assign(img, { src: data.url, alt: data.alt, width: data.width, height: data.height });
        img.className = "nr-preview";
        target.replaceChildren(img);
      });
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const id of Object.keys(FIELDS)) {
      const select = document.getElementById(id);
      if (!select || !select.dataset.previewUrl) continue;
      // Django's autocomplete widget is select2 on jQuery; it reports choices with a jQuery "change".
      if (window.django && window.django.jQuery) {
        window.django.jQuery(select).on("change", () => show(select));
      } else {
        select.addEventListener("change", () => show(select));
      }
    }
  });
})();
