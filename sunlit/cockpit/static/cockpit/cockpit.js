/* The cockpit's charts (Apache ECharts, served from the project's own static files). Every chart
   reads the figures the page embedded as JSON; the same numbers are in the table under it. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("cockpit-data").textContent);
  var f = data.figures, L = data.labels;
  var COLOURS = { red: "#c62828", yellow: "#e0a800", blue: "#1565c0" };
  var charts = [];
  function entries(obj) { return Object.keys(obj || {}).map(function (k) { return [k, obj[k]]; }); }
  function bar(names, values, color, horizontal) {
    var cat = { type: "category", data: names, axisLabel: { interval: 0, rotate: horizontal ? 0 : (names.length > 6 ? 30 : 0) } };
    var val = { type: "value", minInterval: 1 };
    return {
      tooltip: { trigger: "axis" }, grid: { left: horizontal ? 150 : 50, right: 20, top: 20, bottom: 60 },
      xAxis: horizontal ? val : cat, yAxis: horizontal ? cat : val,
      series: [{ type: "bar", data: values, itemStyle: { color: color || "#b3261e" }, label: { show: true, position: horizontal ? "right" : "top" } }]
    };
  }
  var builders = {
    alerts_colour: function () {
      return { tooltip: { trigger: "item" }, legend: { bottom: 0 },
        series: [{ type: "pie", radius: ["40%", "70%"], stillShowZeroSum: false, label: { formatter: "{b}: {c}" },
          data: entries(f.alerts.by_colour).map(function (e) { return { name: L.colour[e[0]], value: e[1], itemStyle: { color: COLOURS[e[0]] } }; }) }] };
    },
    alerts_domain: function () { var e = entries(f.alerts.by_domain); return bar(e.map(function (x) { return L.domain[x[0]] || x[0]; }), e.map(function (x) { return x[1]; })); },
    alerts_model: function () { var e = entries(f.alerts.by_model); return bar(e.map(function (x) { return x[0]; }), e.map(function (x) { return x[1]; }), "#8e24aa"); },
    alerts_month: function () {
      var months = Object.keys(f.alerts.by_month);
      return { tooltip: { trigger: "axis" }, legend: { bottom: 0 }, grid: { left: 50, right: 20, top: 20, bottom: 60 },
        xAxis: { type: "category", data: months }, yAxis: { type: "value", minInterval: 1 },
        series: ["red", "yellow", "blue"].map(function (c) {
          return { name: L.colour[c], type: "bar", stack: "a", itemStyle: { color: COLOURS[c] },
            data: months.map(function (m) { return f.alerts.by_month[m][c]; }) };
        }) };
    },
    cases_month: function () {
      var months = Object.keys(f.cases.opened_by_month);
      return { tooltip: { trigger: "axis" }, legend: { bottom: 0 }, grid: { left: 50, right: 20, top: 20, bottom: 60 },
        xAxis: { type: "category", data: months }, yAxis: { type: "value", minInterval: 1 },
        series: [{ name: L.opened, type: "line", data: months.map(function (m) { return f.cases.opened_by_month[m]; }) },
                 { name: L.closed, type: "line", data: months.map(function (m) { return f.cases.closed_by_month[m] || 0; }) }] };
    },
    cases_state: function () { var e = entries(f.cases.by_state); return bar(e.map(function (x) { return L.state[x[0]] || x[0]; }), e.map(function (x) { return x[1]; }), "#37474f", true); },
    people: function () { var e = entries(f.people.by_measure); return bar(e.map(function (x) { return L.measure[x[0]] || x[0]; }), e.map(function (x) { return x[1]; }), "#6d4c41", true); },
    money_month: function () { var e = entries(f.money.by_month); return bar(e.map(function (x) { return x[0]; }), e.map(function (x) { return x[1]; }), "#2e7d32"); },
    precision: function () {
      var e = entries(f.precision);
      return bar(e.map(function (x) { return x[0]; }), e.map(function (x) { return x[1].precision === null ? 0 : Math.round(x[1].precision * 1000) / 10; }), "#00838f");
    },
    campaigns: function () {
      var c = (data.extra && data.extra.campaigns) || [];
      return bar(c.map(function (x) { return x.title; }), c.map(function (x) { return x.progress === null ? 0 : Math.round(x.progress * 1000) / 10; }), "#1b7f3b", true);
    },
    satisfaction: function () {
      var s = (data.extra && data.extra.satisfaction) || { by_value: {} };
      var tint = { satisfied: "#1b7f3b", basically: "#8bc34a", unsatisfied: "#c62828" };
      return { tooltip: { trigger: "item" }, legend: { bottom: 0 },
        series: [{ type: "pie", radius: ["40%", "70%"], stillShowZeroSum: false, label: { formatter: "{b}: {c}" },
          data: entries(s.by_value).map(function (e) { return { name: L.satisfaction[e[0]] || e[0], value: e[1], itemStyle: { color: tint[e[0]] } }; }) }] };
    },
    children: function () {
      var c = data.children;
      return { tooltip: { trigger: "axis" }, legend: { bottom: 0 }, grid: { left: 50, right: 20, top: 20, bottom: 70 },
        xAxis: { type: "category", data: c.map(function (x) { return x.name; }), axisLabel: { interval: 0, rotate: c.length > 8 ? 30 : 0 } },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ name: L.alerts, type: "bar", data: c.map(function (x) { return x.alerts; }), itemStyle: { color: "#b3261e" } },
                 { name: L.risk, type: "bar", data: c.map(function (x) { return x.risk; }), itemStyle: { color: "#455a64" } }] };
    }
  };
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var build = builders[el.getAttribute("data-chart")];
    if (!build || typeof echarts === "undefined") { return; }
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.on("finished", function () { el.setAttribute("data-rendered", "1"); });
    chart.setOption(Object.assign({ animation: false }, build()));
    charts.push(chart);
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
