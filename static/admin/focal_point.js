// Click the preview to set the image's focal point: the spot every crop keeps in view.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const preview = document.querySelector(".field-image_preview .nr-preview");
  const across = document.getElementById("id_focal_x");
  const down = document.getElementById("id_focal_y");
  if (!preview || !across || !down) return;
  const frame = document.createElement("span");
  frame.className = "nr-focal";
  const marker = document.createElement("span");
  marker.className = "nr-focal__marker";
  marker.setAttribute("aria-hidden", "true");
  preview.replaceWith(frame);
  frame.append(preview, marker);
  const place = () => {
    marker.style.left = `${Number(across.value) * 100}%`;
    marker.style.top = `${Number(down.value) * 100}%`;
  };
  preview.addEventListener("click", (event) => {
    const box = preview.getBoundingClientRect();
    across.value = ((event.clientX - box.left) / box.width).toFixed(3);
    down.value = ((event.clientY - box.top) / box.height).toFixed(3);
    place();
  });
  across.addEventListener("input", place);
  down.addEventListener("input", place);
  place();
});
