/* "Copy" buttons of the admin's embed code page. */
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy]");
  if (!button) return;
  var field = document.getElementById(button.getAttribute("data-copy"));
  field.select();
  if (navigator.clipboard) navigator.clipboard.writeText(field.value);
  else document.execCommand("copy");
});
