// Autosave for the specification editor: progressive enhancement over a plain form.
// Two seconds after the last change, and when the page is hidden (tab switched, phone
// locked), the form is posted to its autosave address; the answer's words go into the
// status line (aria-live). A new specification's first save tells where its draft lives:
// later saves go there, and the address bar shows its editor. Without this script the
// "Save draft" button saves the same form.
(function () {
  "use strict";
  var form = document.getElementById("spec-form");
  var status = document.getElementById("autosave-status");
  if (!form || !status || !window.fetch || !window.FormData) return;
  var url = form.dataset.autosaveUrl;
  var timer = null;
  var dirty = false;
  var busy = false;

  function say(text) { status.textContent = text; }

  function save() {
    if (!dirty || busy) return;
    dirty = false;
    busy = true;
    say(form.dataset.saving);
    var body = new FormData(form);
    fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": body.get("csrfmiddlewaretoken"), "Accept": "application/json" },
      keepalive: true
    }).then(function (response) {
      return response.json().then(function (answer) {
        say(answer.status);
        if (response.ok && answer.saved) {
          url = answer.autosave_url;
          form.dataset.autosaveUrl = url;
          form.action = answer.edit_url;
          if (window.location.pathname !== answer.edit_url) {
            window.history.replaceState(null, "", answer.edit_url);
          }
        }
      });
    }).catch(function () {
      dirty = true;
      say(form.dataset.failed);
    }).then(function () {
      busy = false;
      if (dirty) schedule();
    });
  }

  function schedule() {
    dirty = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 2000);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { window.clearTimeout(timer); save(); }
  });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (form.contains(event.target)) schedule();  // an ESCO skill was picked
  });
  form.addEventListener("submit", function () { window.clearTimeout(timer); dirty = false; });
})();
