/* core/file_input.html hides the native file input, whose button and status text follow the
   browser's locale, behind a Chinese label; this shows the chosen file's name beside it. */
(function () {
  "use strict";

  function show(input) {
    var status = document.getElementById(input.getAttribute("aria-describedby"));
    if (!status) return;
    var names = Array.prototype.map.call(input.files || [], function (file) { return file.name; });
    status.textContent = names.length ? names.join("、") : status.dataset.empty;
    status.title = names.join("、");
    status.classList.toggle("text-muted", !names.length);
  }

  function isFileInput(node) {
    return node instanceof HTMLInputElement && node.classList.contains("zj-file-input");
  }

  document.addEventListener("change", function (event) {
    if (isFileInput(event.target)) show(event.target);
  });
  /* A form reset empties the inputs without a change event. */
  document.addEventListener("reset", function (event) {
    window.setTimeout(function () {
      event.target.querySelectorAll(".zj-file-input").forEach(show);
    });
  });
  /* Back/forward navigation may bring the page back with files still chosen. */
  window.addEventListener("pageshow", function () {
    document.querySelectorAll(".zj-file-input").forEach(show);
  });
})();
