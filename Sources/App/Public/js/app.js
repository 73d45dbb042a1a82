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
  // Choose every row of the change list, or none.
  document.querySelectorAll("[data-action=select-all]").forEach((button) => {
    button.addEventListener("click", () => {
      const boxes = [...button.form.querySelectorAll("input[type=checkbox][name='change_id[]']")];
      const all = boxes.every((b) => b.checked);
      boxes.forEach((b) => (b.checked = !all));
    });
  });
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
  // A job's page: poll its progress, move the bar, and go to the result when it is done.
  // Without JavaScript the page refreshes itself (a <noscript> meta refresh) instead.
  const job = document.querySelector("#job[data-progress-url]");
  if (job) {
    const bar = document.querySelector("#job-progress");
    const counts = document.querySelector("#job-counts");
    const poll = () => {
      fetch(job.dataset.progressUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
        .then((p) => {
          if (bar) {
            bar.value = p.percent;
            bar.textContent = p.percent + "%";
          }
          if (counts) counts.textContent = p.total > 0 ? p.done + " / " + p.total + "（" + p.percent + "%）" : "准备中";
          if (p.state === "succeeded" && p.result_path) {
            window.location.assign(p.result_path);
          } else if (p.state === "succeeded" || p.state === "failed") {
            window.location.reload();
          } else {
            window.setTimeout(poll, 700);
          }
        })
        .catch(() => window.setTimeout(poll, 2000));
    };
    window.setTimeout(poll, 300);
  }
});
