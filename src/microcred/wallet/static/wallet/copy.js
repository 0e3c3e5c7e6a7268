// Copy buttons for share links. Without JavaScript the buttons stay hidden and the link
// sits in a read-only input, ready to select and copy by hand.
(function () {
  "use strict";
  if (!navigator.clipboard) { return; }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var input = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-status"));
    if (!input) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        if (status) { status.textContent = button.getAttribute("data-copied"); }
      }, function () {
        input.select();
        if (status) { status.textContent = button.getAttribute("data-failed"); }
      });
    });
  });
})();
