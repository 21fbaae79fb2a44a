// Small progressive enhancements; the pages work without JavaScript.
document.addEventListener("DOMContentLoaded", function () {
  var toggle = document.querySelector(".menu-toggle");
  var nav = document.getElementById("mainnav");
  if (toggle && nav) {
    toggle.addEventListener("click", function () {
      var open = nav.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  document.querySelectorAll("[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
  // A drop zone around a file field: a file dropped on it, or chosen, is sent at once (the
  // form's own button does the same without JavaScript).
  document.querySelectorAll("[data-dropzone]").forEach(function (zone) {
    var form = zone.closest("form");
    var input = zone.querySelector("input[type=file]");
    if (!form || !input) { return; }
    var send = function () {
      if (!input.files || !input.files.length) { return; }
      zone.classList.add("sending");
      form.setAttribute("aria-busy", "true");
      if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
    };
    input.addEventListener("change", send);
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("dragging");
      });
    });
    ["dragleave", "dragend"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("dragging"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("dragging");
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        send();
      }
    });
  });
});
