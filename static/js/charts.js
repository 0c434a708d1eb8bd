// Draw every chart whose figure JSON is on the page. Without JavaScript the summaries and tables remain.
// The mode bar is off: its buttons cannot be reached by keyboard; the page's own form controls the chart.
document.querySelectorAll('[data-figure-id]').forEach(function (el) {
  var source = document.getElementById(el.getAttribute('data-figure-id'))
  if (!source || !window.Plotly) return
  var figure = JSON.parse(JSON.parse(source.textContent))
  window.Plotly.newPlot(el, figure.data, figure.layout, { responsive: true, displaylogo: false, displayModeBar: false })
})
