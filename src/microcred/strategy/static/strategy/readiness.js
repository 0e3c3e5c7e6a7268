// Autosave of the readiness questionnaire: each answer is posted as it is chosen, with the
// form's CSRF token, and the outcome is announced in the status line (aria-live). Without
// this script nothing is lost: each page's "Save and continue" saves its answers.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("questionnaire");
  const status = document.getElementById("autosave-status");
  const count = document.getElementById("answered-count");
  // Answers are saved one request each, and their responses may arrive in any order; saves
  // are serialised on the server, so the highest count any response reports is the true one
  // (a radio answer can be changed, never taken back, so the count only grows on a page).
  let answered = count ? Number(count.dataset.answered || 0) : 0;
  if (!form || !status || !window.fetch) return;
  const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  form.addEventListener("change", async (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.name.startsWith("q-")) return;
    const body = new FormData();
    body.append("signal", input.name.slice(2));
    body.append("value", input.value);
    try {
      const response = await fetch(form.dataset.answerUrl, {
        method: "POST",
        headers: { "X-CSRFToken": token },
        body,
        credentials: "same-origin",
      });
      const answer = await response.json();
      if (!response.ok || !answer.saved) throw new Error(answer.error || String(response.status));
      status.textContent = status.dataset.saved;
      if (count && count.dataset.pattern) {
        // the server's count, in the page's own words ("12 of 118 questions answered")
        answered = Math.max(answered, Number(answer.answered));
        count.textContent = count.dataset.pattern
          .replace("%A", String(answered))
          .replace("%T", String(answer.total));
      }
      status.dataset.state = "saved";
    } catch (error) {
      status.textContent = status.dataset.failed;
      status.dataset.state = "failed";
    }
  });
});
