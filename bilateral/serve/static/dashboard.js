// Draws the charts whose data the page embeds as JSON; no network requests.
"use strict";
(function () {
  const palette = ["#1b6ca8", "#e07b39", "#3a9d5d", "#c0392b", "#8e6bbf", "#7f8c8d", "#d4a017",
                   "#16a085", "#b5651d", "#2c3e50", "#e84393", "#6ab04c", "#a29bfe", "#fd9644", "#4b7bec",
                   "#20bf6b", "#eb3b5a"];
  const quadColours = { 1: "#7fb3d5", 2: "#1b6ca8", 3: "#f0b27a", 4: "#c0392b" };

  function datasets(kind, chart) {
    if (kind === "quads") {
      return chart.quads.map((set) => ({ label: set.label, data: set.data, backgroundColor: quadColours[set.quad] }));
    }
    return chart.types.map((set, index) => ({
      label: set.label, data: set.data, backgroundColor: palette[index % palette.length],
    }));
  }

  function draw(canvas) {
    const source = document.getElementById(canvas.dataset.source);
    if (!source || typeof Chart === "undefined") {
      return;
    }
    const chart = JSON.parse(source.textContent);
    new Chart(canvas, {
      type: "bar",
      data: { labels: chart.labels, datasets: datasets(canvas.dataset.chart, chart) },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
      },
    });
    canvas.dataset.drawn = "true";
  }

  document.querySelectorAll("canvas[data-chart]").forEach(draw);
})();
