// Progress of a check-in pack build without reloading the page. Without JavaScript the page's
// <meta http-equiv="refresh"> does the same job.
(function () {
  var box = document.getElementById("pack-progress");
  if (!box || !window.fetch) return;
  var meta = document.querySelector('meta[http-equiv="refresh"]');
  if (meta) meta.parentNode.removeChild(meta);
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (s.status === "ready" || s.status === "failed") { window.location.reload(); return; }
        document.getElementById("pack-message").textContent = s.message || s.status;
        document.getElementById("pack-percent").textContent = s.progress;
        box.querySelector("progress").value = s.progress;
        window.setTimeout(poll, 1500);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
