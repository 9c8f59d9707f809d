package io.jkbms.app.simulate;

import io.jkbms.sim.SimEvent;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.AnnotationText;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The run at a glance: four stacked panels sharing the time axis — pack voltage and current; SOC true and as the
 * board estimates it; highest and lowest cell with the spread; temperatures — with protection trips (red) and
 * recoveries (green) and other notable events (grey) marked on every panel.
 */
final class PlotWriter {
    private static final int WIDTH = 1400;
    private static final int PANEL = 300;
    private static final Set<String> NOTABLE = Set.of("SLEEP", "WAKE", "ACTIVATION", "EMERGENCY", "HEATING", "POWER_OFF",
            "SCP_COMPARATOR", "INRUSH");
    /** Beyond this many markers, only protection trips are drawn, so the plot stays readable. */
    private static final int MAX_MARKERS = 60;

    private PlotWriter() {
    }

    static void write(Path file, String title, Recorder.Series s, List<SimEvent> events) throws IOException {
        boolean hours = !s.t_h.isEmpty() && s.t_h.get(s.t_h.size() - 1) > 2;
        List<Double> t = hours ? s.t_h : s.t_h.stream().map(h -> h * 60).toList();
        String xTitle = hours ? "time (h)" : "time (min)";
        double scale = hours ? 1.0 / 3600 : 1.0 / 60;

        XYChart power = chart(title + " — pack voltage and current", xTitle, "V");
        add(power, "pack V", t, s.pack_V, new Color(0x1f77b4));
        XYSeries current = add(power, "current A (+charge)", t, s.current_A, new Color(0xff7f0e));
        current.setYAxisGroup(1);
        power.setYAxisGroupTitle(1, "A");

        XYChart soc = chart("state of charge", xTitle, "%");
        add(soc, "true SOC", t, s.socTrue, new Color(0x2ca02c));
        add(soc, "BMS estimate", t, s.socBms, new Color(0x9467bd));

        XYChart cells = chart("cells", xTitle, "V");
        add(cells, "highest cell V", t, s.cellMax_V, new Color(0xd62728));
        add(cells, "lowest cell V", t, s.cellMin_V, new Color(0x1f77b4));
        XYSeries spread = add(cells, "spread mV", t, s.spread_mV, new Color(0x7f7f7f));
        spread.setYAxisGroup(1);
        cells.setYAxisGroupTitle(1, "mV");

        XYChart temps = chart("temperatures", xTitle, "°C");
        add(temps, "MOSFETs", t, s.mos_C, new Color(0x8c564b));
        add(temps, "cells (T1/T2)", t, s.cells_C, new Color(0xe377c2));
        add(temps, "ambient", t, s.ambient_C, new Color(0x17becf));

        double end = t.isEmpty() ? 1 : t.get(t.size() - 1);
        List<SimEvent> marks = thin(events, end / scale / 25.0);
        if (marks.size() > MAX_MARKERS) {
            marks = marks.stream().filter(e -> isProtection(e) && e.phase().equals("trip")).limit(MAX_MARKERS).toList();
        }
        XYChart[] panels = {power, soc, cells, temps};
        List<List<Double>> primary = List.of(s.pack_V, s.socTrue, s.cellMax_V, s.mos_C);
        List<List<Double>> primaryLow = List.of(s.pack_V, s.socBms, s.cellMin_V, s.ambient_C);
        for (int p = 0; p < panels.length; p++) {
            double lo = Math.min(min(primary.get(p)), min(primaryLow.get(p)));
            double hi = Math.max(max(primary.get(p)), max(primaryLow.get(p)));
            if (p == 1) {
                lo = Math.min(lo, 0);
                hi = Math.max(hi, 100);
            }
            if (hi <= lo) {
                hi = lo + 1;
            }
            int k = 0;
            for (SimEvent e : marks) {
                // A marker is a two-point series: XChart colours series one by one, annotations only per chart.
                double x = e.t_us() / 1e6 * scale;
                XYSeries m = panels[p].addSeries("event " + (k++), List.of(x, x), List.of(lo, hi));
                m.setMarker(SeriesMarkers.NONE);
                m.setShowInLegend(false);
                m.setLineColor(e.phase().equals("trip") ? new Color(0xd62728) : e.phase().equals("recover")
                        ? new Color(0x2ca02c) : new Color(0xaaaaaa));
                m.setLineWidth(1f);
            }
            if (p == 1) {
                double lastLabel = Double.NEGATIVE_INFINITY;
                for (SimEvent e : marks) {
                    double x = e.t_us() / 1e6 * scale;
                    // Labels only where they do not overlap the previous one.
                    if ((e.phase().equals("trip") || !isProtection(e)) && x - lastLabel > end / 12) {
                        soc.addAnnotation(new AnnotationText(e.event(), x, 4, false));
                        lastLabel = x;
                    }
                }
            }
        }

        for (XYChart c : panels) {
            c.getStyler().setXAxisMin(0.0);
            c.getStyler().setXAxisMax(end);
        }

        BufferedImage img = new BufferedImage(WIDTH, PANEL * panels.length, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            for (int i = 0; i < panels.length; i++) {
                g.drawImage(BitmapEncoder.getBufferedImage(panels[i]), 0, i * PANEL, null);
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(img, "png", file.toFile());
    }

    /** Protection and notable events, keeping one of each kind and phase per {@code minGap_s}: a fault that repeats
     *  (a short re-tripping after every recovery) shows as one marker per stretch, not a solid block. */
    private static List<SimEvent> thin(List<SimEvent> events, double minGap_s) {
        java.util.Map<String, Double> last = new java.util.HashMap<>();
        List<SimEvent> out = new java.util.ArrayList<>();
        for (SimEvent e : events) {
            if (!isProtection(e) && !NOTABLE.contains(e.event())) {
                continue;
            }
            String k = e.event() + "/" + e.phase();
            double t = e.t_us() / 1e6;
            Double prev = last.get(k);
            if (prev == null || t - prev >= minGap_s) {
                out.add(e);
                last.put(k, t);
            }
        }
        return out;
    }

    private static double min(List<Double> v) {
        double m = Double.POSITIVE_INFINITY;
        for (double d : v) {
            m = Math.min(m, d);
        }
        return v.isEmpty() ? 0 : m;
    }

    private static double max(List<Double> v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            m = Math.max(m, d);
        }
        return v.isEmpty() ? 1 : m;
    }

    static boolean isProtection(SimEvent e) {
        return e.phase().equals("trip") || e.phase().equals("recover");
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(PANEL).title(title).xAxisTitle(x).yAxisTitle(y).build();
        Styler st = c.getStyler();
        st.setLegendPosition(Styler.LegendPosition.InsideNE);
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        st.setAntiAlias(true);
        st.setAnnotationTextFontColor(Color.DARK_GRAY);
        st.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        c.getStyler().setMarkerSize(0);
        c.getStyler().setPlotGridLinesColor(new Color(0xe0e0e0));
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        return c;
    }

    private static XYSeries add(XYChart c, String name, List<Double> x, List<Double> y, Color color) {
        XYSeries s = c.addSeries(name, x.isEmpty() ? List.of(0.0) : x, y.isEmpty() ? List.of(0.0) : y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        return s;
    }
}
