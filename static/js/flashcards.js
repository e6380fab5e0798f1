// Keyboard shortcuts for the flashcard review: Space shows the answer, 1–4 rate the card.
// The page works without this file; it only clicks the buttons that are already there.
(function () {
  "use strict";

  function typingInto(element) {
    return element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.repeat) {
      return;
    }
    var target = event.target;
    if (typingInto(target)) {
      return;
    }
    var button = null;
    if (event.key === " " || event.key === "Spacebar") {
      // Space on a focused button or link already activates it.
      if (target && /^(BUTTON|A|SUMMARY)$/.test(target.tagName)) {
        return;
      }
      button = document.getElementById("show-answer");
    } else if (/^[1-4]$/.test(event.key)) {
      button = document.querySelector('#flashcard button[name="rating"][value="' + event.key + '"]');
    }
    if (button && !button.disabled) {
      event.preventDefault();
      button.click();
    }
  });
})();
