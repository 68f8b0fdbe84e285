// Browser side of the course app: math, HTML outputs whose scripts must run, plotly.js, and the automation hook.
window.courseWeb = {
  renderMath: function () {
    if (!window.renderMathInElement || !window.courseMath) { setTimeout(window.courseWeb.renderMath, 50); return; }
    document.querySelectorAll(".cell.markdown").forEach(function (element) {
      if (element.dataset.math === "done") return;
      courseMath.render(element);
      element.dataset.math = "done";
    });
  },
  // innerHTML does not run <script>: re-create each one (a chart's Plotly.newPlot call).
  setHtml: function (element, html) {
    element.innerHTML = html;
    element.querySelectorAll("script").forEach(function (old) {
      var script = document.createElement("script");
      for (var i = 0; i < old.attributes.length; i++) script.setAttribute(old.attributes[i].name, old.attributes[i].value);
      script.text = old.text;
      old.replaceWith(script);
    });
  },
  // plotly.js as UTF-8 bytes (a Uint8Array from .NET).
  loadPlotly: function (bytes) {
    if (window.Plotly) return;
    var script = document.createElement("script");
    script.text = new TextDecoder("utf-8").decode(bytes);
    document.head.appendChild(script);
  },
  // A stage of opening the page, in ms since navigation start (read by the browser test).
  mark: function (name) {
    document.body.dataset[name] = String(Math.round(performance.now()));
  },
  // ?run=all: <body data-run-status="passed|failed" data-cells-passed="N"> when the run ends.
  setRunStatus: function (status, passed, seconds) {
    document.body.dataset.runStatus = status;
    document.body.dataset.cellsPassed = String(passed);
    if (seconds !== undefined && seconds !== null) document.body.dataset.runSeconds = String(seconds);
  }
};
