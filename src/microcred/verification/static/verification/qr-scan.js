// QR scanning for the verify page: only where the browser has BarcodeDetector and a camera.
// Otherwise the camera button stays hidden and the page says to open the QR code's address.
// No inline script (the CSP is script-src 'self'); nothing leaves the browser but the URL.
(function () {
  "use strict";
  var script = document.currentScript;
  var box = document.getElementById("qr-scan");
  var fallback = document.getElementById("qr-fallback");
  var start = document.getElementById("qr-start");
  var video = document.getElementById("qr-video");
  var status = document.getElementById("qr-status");
  var form = document.getElementById("verify-form");
  var field = document.getElementById("id_url");
  if (!box || !start || !video || !form || !field) return;
  var canScan = "BarcodeDetector" in window && navigator.mediaDevices &&
    typeof navigator.mediaDevices.getUserMedia === "function";
  if (!canScan) return;
  box.hidden = false;
  if (fallback) fallback.hidden = true;

  function stop(stream) {
    stream.getTracks().forEach(function (track) { track.stop(); });
    video.hidden = true;
  }

  start.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        status.textContent = script.dataset.scanning;
        return video.play().then(function () { scan(detector, stream); });
      })
      .catch(function () { status.textContent = script.dataset.denied; });
  });

  function scan(detector, stream) {
    detector.detect(video).then(function (codes) {
      var found = codes.find(function (code) { return /^https?:\/\//.test(code.rawValue); });
      if (!found) { window.requestAnimationFrame(function () { scan(detector, stream); }); return; }
      stop(stream);
      field.value = found.rawValue;
      form.submit();
    }).catch(function () { stop(stream); status.textContent = script.dataset.denied; });
  }
})();
