// The embedding example's script: import the web component; listen to its
// results. A portal bundles this (or imports "gongkai/element" directly).
import "../js/element.js";

const checker = document.querySelector("gongkai-checker");
const out = document.getElementById("summary");
checker.addEventListener("gongkai-result", (e) => {
  const report = e.detail;
  const errors = report.diagnostics.filter((d) => d.severity === "error").length;
  out.textContent = `gongkai-result: ${report.template} ${report.year ?? ""} — ${errors} error(s)`;
  // A portal could block publishing here while errors > 0.
  document.getElementById("publish").disabled = errors > 0;
});
