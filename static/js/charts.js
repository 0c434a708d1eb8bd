// Draw every chart whose figure JSON is on the page. Without JavaScript the text and tables remain.
document.querySelectorAll('[data-figure-id]').forEach(function (el) {
  var source = document.getElementById(el.getAttribute('data-figure-id'))
  if (!source || !window.Plotly) return
  var figure = JSON.parse(JSON.parse(source.textContent))
  window.Plotly.newPlot(el, figure.data, figure.layout, { responsive: true, displaylogo: false })
})
