// Progressive enhancement only: every page works without this file.
(function () {
    "use strict";

    // Move focus to a form's error summary so screen readers announce it first.
    document.addEventListener("DOMContentLoaded", function () {
        var summary = document.querySelector("[data-error-summary]");
        if (summary) {
            summary.focus();
        }
    });
})();
