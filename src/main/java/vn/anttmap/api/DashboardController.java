package vn.anttmap.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.anttmap.io.DashboardFiles;
import vn.anttmap.io.ReportText.Lang;
import vn.anttmap.model.CameraFigures;
import vn.anttmap.model.Dashboard;
import vn.anttmap.model.IncidentFigures;
import vn.anttmap.service.DashboardService;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/v1/dashboard?scope=&year=&from=&to=}: the leaders' dashboard as JSON, or with {@code f=csv|xlsx}
 * (or an {@code Accept} naming one) as a file to download ({@code lang=en}: English labels). The contract is
 * docs/dashboard.md; keys are snake_case.
 */
final class DashboardController {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private final DashboardService dashboards;

    private DashboardController(DashboardService dashboards) {
        this.dashboards = dashboards;
    }

    static void register(Javalin app, DashboardService dashboards) {
        app.get("/api/v1/dashboard", new DashboardController(dashboards)::dashboard);
    }

    private void dashboard(Context ctx) throws IOException {
        // Who may see a dashboard at all, before any parameter is looked at.
        DashboardService.requireViewer(Access.principal(ctx));
        QueryParams.only(ctx, Set.of("scope", "year", "from", "to", "f", "lang"));
        String y = QueryParams.text(ctx, "year");
        Integer year = null;
        if (y != null) {
            year = QueryParams.parseYear(y).stream().boxed().findFirst().orElseThrow(() -> ApiException.badParameter("year", "'" + y
                    + "' không phải một năm từ 2000 đến 2100 / '" + y + "' is not a year between 2000 and 2100"));
        }
        LocalDate from = QueryParams.from(ctx);
        LocalDate to = QueryParams.to(ctx);
        if (from != null && to != null && to.isBefore(from)) {
            throw ApiException.badParameter("to", Messages.Key.TO_BEFORE_FROM.format(to, from));
        }
        String format = format(ctx);
        String langCode = QueryParams.text(ctx, "lang");
        if (langCode != null && !Set.of("vi", "en").contains(langCode)) {
            throw ApiException.badParameter("lang", "'" + langCode + "': vi hoặc en / '" + langCode + "': vi or en");
        }
        Lang lang = Lang.of(langCode);
        Dashboard d = dashboards.dashboard(Access.principal(ctx), QueryParams.text(ctx, "scope"), year, from, to);
        ctx.header("Cache-Control", "private, no-cache").header("Vary", "Accept");
        if (format.equals("json")) {
            HttpServer.json(ctx, 200, json(d));
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ctx.header("Content-Disposition", "attachment; filename=\"" + DashboardFiles.baseName(d) + "." + format + "\"");
        if (format.equals("csv")) {
            DashboardFiles.csv(d, lang, out);
            ctx.contentType("text/csv; charset=utf-8").result(out.toByteArray());
        } else {
            DashboardFiles.xlsx(d, lang, out);
            HttpServer.binary(ctx, XLSX, out.toByteArray());
        }
    }

    /** {@code f=} or, without it, the first of CSV and XLSX the {@code Accept} header names; else JSON. */
    private static String format(Context ctx) {
        String f = QueryParams.text(ctx, "f");
        if (f != null) {
            String v = f.toLowerCase(Locale.ROOT);
            if (!Set.of("json", "csv", "xlsx").contains(v)) {
                throw ApiException.badParameter("f", "'" + f + "': json, csv hoặc xlsx / '" + f + "': json, csv or xlsx");
            }
            return v;
        }
        String accept = ctx.header("Accept");
        if (accept != null) {
            for (String part : accept.split(",")) {
                String type = part.split(";")[0].trim().toLowerCase(Locale.ROOT);
                if (type.equals("text/csv")) {
                    return "csv";
                }
                if (type.equals(XLSX)) {
                    return "xlsx";
                }
                if (type.equals("application/json")) {
                    return "json";
                }
            }
        }
        return "json";
    }

    /** The answer's JSON (docs/dashboard.md): shares to 3 decimals, hours to 1. */
    static Map<String, Object> json(Dashboard d) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("kind", d.scope().kind());
        scope.put("name", d.scope().name());
        scope.put("wards", d.scope().wards());
        body.put("scope", scope);
        body.put("year", d.year());
        body.put("from", d.from().toString());
        body.put("to", d.to().toString());
        body.put("previous", Map.of("from", d.previousFrom().toString(), "to", d.previousTo().toString()));
        List<Map<String, Object>> wards = d.wards().stream().map(w -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ward", w.ward());
            m.put("name", w.name());
            m.put("province", w.province());
            m.putAll(figures(w.figures()));
            return m;
        }).toList();
        body.put("wards", wards);
        body.put("totals", figures(d.totals()));
        return body;
    }

    private static Map<String, Object> figures(Dashboard.Figures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        Dashboard.Areas a = f.areas();
        Map<String, Object> areas = new LinkedHashMap<>();
        areas.put("total", a.total());
        areas.put("dat", a.dat());
        areas.put("chua_dat", a.chuaDat());
        areas.put("chua_du_can_cu", a.chuaDuCanCu());
        areas.put("share_dat", share(a.shareDat()));
        areas.put("share_chua_dat", share(a.shareChuaDat()));
        areas.put("share_chua_du_can_cu", share(a.shareChuaDuCanCu()));
        areas.put("synthetic", a.synthetic());
        m.put("areas", areas);
        CameraFigures c = f.cameras();
        Map<String, Object> cameras = new LinkedHashMap<>();
        cameras.put("registered", c.registered());
        cameras.put("working", c.working());
        cameras.put("sharing", c.sharing());
        m.put("cameras", cameras);
        m.put("incidents", incidents(f.incidents()));
        m.put("previous", incidents(f.previous()));
        Dashboard.Change ch = f.change();
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("received", ch.received());
        change.put("handled", ch.handled());
        change.put("share_handled", share(ch.shareHandled()));
        change.put("median_hours_to_handle", hours(ch.medianHours()));
        change.put("p90_hours_to_handle", hours(ch.p90Hours()));
        m.put("change", change);
        return m;
    }

    private static Map<String, Object> incidents(IncidentFigures i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("received", i.received());
        m.put("handled", i.handled());
        m.put("open", i.open());
        m.put("unknown", i.unknown());
        m.put("share_handled", share(i.shareHandled()));
        m.put("median_hours_to_handle", hours(i.medianHours()));
        m.put("p90_hours_to_handle", hours(i.p90Hours()));
        return m;
    }

    private static Double share(Double v) {
        return v == null ? null : Math.round(v * 1000) / 1000.0;
    }

    private static Double hours(Double v) {
        return v == null ? null : Math.round(v * 10) / 10.0;
    }
}
