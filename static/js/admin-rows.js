// The course editor sends one empty session row, inside the empty run row; each run
// copies it into its own empty-row template before Wagtail's InlinePanel reads it,
// numbered as Wagtail numbers it when a run is added (decision 0028).
window.courseEditorRows = {
  fillEmptyRow(formsetId) {
    const target = document.getElementById(`${formsetId}-EMPTY_FORM_TEMPLATE`);
    const outer = document.getElementById(target.dataset.rowsFrom);
    const nested = outer && outer.content.getElementById(target.dataset.rowsNested);
    if (!nested) return;
    // The same replacement as Wagtail's ExpandingFormset.addForm: the first
    // __prefix__ in each attribute or string is the parent row's number.
    target.innerHTML = nested.innerHTML.replace(
      /__prefix__(.*?('|"|\\u0022))/g,
      `${target.dataset.rowsIndex}$1`,
    );
  },
};
