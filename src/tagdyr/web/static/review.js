// Keyboard shortcuts of the review page: S same, N not the same, U unsure, Z undo the last.
document.addEventListener("keydown", (event) => {
  const target = event.target;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return;
  const buttons = { s: "verdict-same", n: "verdict-not_same", u: "verdict-unsure", z: "undo" };
  const id = buttons[event.key.toLowerCase()];
  const button = id && document.getElementById(id);
  if (!button) return;
  event.preventDefault();
  const form = button.form;
  if (form && !form.reportValidity()) return;
  button.click();
});
