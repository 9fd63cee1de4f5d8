package com.storewire.localstack.flashsale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The report as one self-contained HTML page a person opens in a browser: the headline figures side
 * by side, and charts drawn with uPlot (inlined, so the page needs no network): the hot SKUs' stock
 * as the truth and each channel show it over time, per side; units sold per channel over time; and
 * the propagation lag distribution per channel. Each chart marks its container {@code
 * data-drawn="true"} once drawn, which the page test checks in headless Chromium.
 */
final class HtmlReport {

  private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private HtmlReport() {}

  static void write(Map<String, Object> report, String table, Path file) {
    try {
      Files.writeString(file, render(report, table), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static String render(Map<String, Object> report, String table) {
    String data;
    try {
      data = JSON.writeValueAsString(report).replace("</", "<\\/");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return PAGE.replace("/*UPLOT_CSS*/", resource(UPLOT + "uPlot.min.css"))
        .replace("/*UPLOT_JS*/", resource(UPLOT + "uPlot.iife.min.js"))
        .replace("/*REPORT*/", data)
        .replace("<!--TABLE-->", escape(table));
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath (the uplot webjar)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static final String PAGE =
      """
      <!doctype html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <title>Storewire flash sale report</title>
      <style>/*UPLOT_CSS*/</style>
      <style>
        body { font-family: system-ui, sans-serif; margin: 24px; color: #1f2328; }
        h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; }
        .cards { display: flex; gap: 12px; flex-wrap: wrap; }
        .card { border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 14px; min-width: 180px; }
        .card b { display: block; font-size: 22px; }
        .good { color: #1a7f37; } .bad { color: #cf222e; }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(620px, 1fr)); gap: 18px; }
        pre { background: #f6f8fa; padding: 12px; border-radius: 8px; overflow-x: auto; }
        .note { color: #57606a; font-size: 13px; max-width: 1100px; }
      </style>
      </head>
      <body>
      <h1>Storewire flash sale: event-driven hub vs the 15-minute polling job</h1>
      <p class="note" id="setup"></p>
      <div class="cards" id="cards"></div>
      <h2>Charts</h2>
      <div class="charts">
        <div><h3>Hot SKUs: units left and shown per channel, Storewire</h3><div id="stock-storewire" class="chart"></div></div>
        <div><h3>Hot SKUs: units left and shown per channel, baseline</h3><div id="stock-baseline" class="chart"></div></div>
        <div><h3>Units sold per channel over time (solid Storewire, dashed baseline)</h3><div id="sold" class="chart"></div></div>
        <div><h3>Propagation lag: share of changes on the channel within (solid Storewire, dashed baseline)</h3><div id="lag" class="chart"></div></div>
      </div>
      <h2>Figures</h2>
      <pre><!--TABLE--></pre>
      <script>/*UPLOT_JS*/</script>
      <script>
      const report = /*REPORT*/;
      const colours = { truth: "#1f2328", storefront: "#8250df", shopify: "#1a7f37", amazon: "#bc4c00", ebay: "#0969da", woocommerce: "#bf3989" };
      const sw = report.storewire, bl = report.baseline, setup = report.scenario;
      document.getElementById("setup").textContent =
        `${setup.skus} SKUs (${setup.hot_skus} hot, ${setup.hot_stock} units each), ${setup.planned_orders} buyers over ${setup.duration_s} s, `
        + `base ${setup.base_orders_per_s} orders/s, peak ×${setup.peak_factor}, faults ${setup.faults ? "on" : "off"}, seed ${setup.seed}. `
        + setup.time_compression_note + ".";
      const card = (label, value, good) => `<div class="card">${label}<b class="${good ? "good" : "bad"}">${value}</b></div>`;
      document.getElementById("cards").innerHTML =
        card("Oversold units, Storewire", sw.oversold_units, sw.oversold_units === 0)
        + card("Oversold units, baseline", bl.oversold_units, bl.oversold_units === 0)
        + card("Lag p99, Storewire (all channels)", `${sw.lag_ms.p99} ms`, sw.lag_ms.p99 < 2000)
        + card("Events lost, Storewire", sw.lost_events, sw.lost_events === 0)
        + card("Faults surfaced / recovered", `${sw.faults.surfaced} / ${sw.faults.recovered} of ${sw.faults.injected}`,
            sw.faults.surfaced === sw.faults.injected && sw.faults.recovered === sw.faults.injected);
      const marked = (id) => [(u) => { document.getElementById(id).dataset.drawn = "true"; }];
      const width = () => Math.min(760, window.innerWidth - 60);
      function stockChart(id, timeline) {
        const series = [{}, { label: "units left (truth)", stroke: colours.truth, width: 2 }];
        const data = [timeline.t_s, timeline.truth];
        for (const [channel, values] of Object.entries(timeline.shown)) {
          series.push({ label: `shown on ${channel}`, stroke: colours[channel] });
          data.push(values);
        }
        new uPlot({ width: width(), height: 300, series, scales: { x: { time: false } }, axes: [{ label: "s into the sale" }, { label: "units" }], hooks: { draw: marked(id) } }, data, document.getElementById(id));
      }
      stockChart("stock-storewire", report.timeline.storewire);
      stockChart("stock-baseline", report.timeline.baseline);
      (function soldChart() {
        const series = [{}], data = [report.timeline.storewire.t_s];
        for (const [side, dash] of [["storewire", undefined], ["baseline", [6, 4]]]) {
          for (const [channel, values] of Object.entries(report.timeline[side].sold)) {
            series.push({ label: `${channel} (${side})`, stroke: colours[channel], dash });
            data.push(values.slice(0, data[0].length));
          }
        }
        new uPlot({ width: width(), height: 300, series, scales: { x: { time: false } }, axes: [{ label: "s into the sale" }, { label: "units sold" }], hooks: { draw: marked("sold") } }, data, document.getElementById("sold"));
      })();
      (function lagChart() {
        const grid = sw.channels.shopify.lag_cdf.ms;
        const series = [{}], data = [grid];
        for (const [side, dash] of [["storewire", undefined], ["baseline", [6, 4]]]) {
          for (const channel of ["shopify", "amazon", "ebay", "woocommerce"]) {
            series.push({ label: `${channel} (${side})`, stroke: colours[channel], dash });
            data.push(report[side].channels[channel].lag_cdf.share_within);
          }
        }
        new uPlot({ width: width(), height: 300, series,
          scales: { x: { time: false, distr: 3 } }, axes: [{ label: "lag, ms (log)" }, { label: "share of changes" }],
          hooks: { draw: marked("lag") } }, data, document.getElementById("lag"));
      })();
      document.body.dataset.charts = document.querySelectorAll("[data-drawn=true]").length;
      </script>
      </body>
      </html>
      """;
}
