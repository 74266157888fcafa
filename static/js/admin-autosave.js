// Marks Wagtail's background autosaves so the server can tell them from "Save draft":
// the course editor's weekly generator runs only when the editor saves on purpose.
document.addEventListener("w-autosave:save", (event) => {
  event.detail.formData.set("autosave", "1");
});
