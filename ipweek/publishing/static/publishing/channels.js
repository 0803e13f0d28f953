// Copy buttons for the WeChat HTML and the QQ notice; without JavaScript the text areas still work.
document.querySelectorAll("[data-copy]").forEach((button) => {
  const source = document.getElementById(button.dataset.copy);
  if (!source || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    navigator.clipboard.writeText(source.value).then(() => {
      button.setAttribute("aria-live", "polite");
    });
  });
});
