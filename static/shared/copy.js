// "Copy" buttons: <button data-shared-copy="#element-id" data-copied-label="Copied">
//   <span data-shared-copy-label>Copy</span></button> copy the element's text and say so for two seconds.
// The Clipboard API needs a secure context; over plain HTTP on the intranet, fall back to a selection.
function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    return navigator.clipboard.writeText(text);
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-shared-copy]");
  const source = button && document.querySelector(button.dataset.sharedCopy);
  if (!source) return;
  copyText(source.textContent.trim()).then(() => {
    const label = button.querySelector("[data-shared-copy-label]");
    if (!label || !button.dataset.copiedLabel) return;
    const original = label.textContent;
    label.textContent = button.dataset.copiedLabel;
    setTimeout(() => {
      label.textContent = original;
    }, 2000);
  });
});
