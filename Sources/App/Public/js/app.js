// Small conveniences only; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Choosing a township reloads the search so the village list matches it.
  const township = document.querySelector("#search-form select[name=township]");
  if (township) {
    township.addEventListener("change", () => {
      const village = document.querySelector("#search-form select[name=village]");
      if (village) village.value = "";
      township.form.submit();
    });
  }
  // The print button of the printable roll.
  document.querySelectorAll("[data-action=print]").forEach((button) => {
    button.addEventListener("click", () => window.print());
  });
  // Ask before an approval or rejection is sent: it cannot be taken back.
  const action = document.querySelector("#action-form");
  if (action) {
    action.addEventListener("submit", (event) => {
      const label = action.querySelector("select[name=action] option:checked");
      if (label && !window.confirm("确认" + label.textContent + "？提交后不可撤销。")) event.preventDefault();
    });
  }
});
