package vn.anttmap.api.ogc;

import io.javalin.Javalin;
import io.javalin.http.Context;
import org.locationtech.jts.geom.Envelope;
import vn.anttmap.api.Messages;
import vn.anttmap.io.Cql2Filter;
import vn.anttmap.io.GeoJsonWriter;
import vn.anttmap.io.Values;
import vn.anttmap.model.Feature;
import vn.anttmap.service.PublishService;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * OGC API – Features, Part 1 (core, GeoJSON, HTML, OpenAPI 3.0) and Part 3 (CQL2 text filters of property
 * comparisons joined by AND), at {@code /ogc}.
 */
public final class OgcController {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;
    /** The largest offset: far beyond any collection, and offset + limit stays an int. */
    public static final int MAX_OFFSET = 100_000_000;
    static final String GEOJSON = "application/geo+json";
    static final String JSON = "application/json";
    static final String HTML = "text/html";
    static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";
    static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2");

    /** An error the caller made, answered with its status. */
    public static final class BadRequest extends RuntimeException {
        public final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final PublishService publish;
    private final Json json;
    private final java.util.function.Function<Context, vn.anttmap.auth.Principal> principal;

    /** How the HTTP layer writes a JSON body. */
    public interface Json {
        void write(Context ctx, int status, String contentType, Object body);
    }

    public OgcController(PublishService publish, java.util.function.Function<Context, vn.anttmap.auth.Principal> principal,
                         Json json) {
        this.publish = publish;
        this.json = json;
        this.principal = principal;
    }

    public void register(Javalin app) {
        app.get("/ogc", this::landing);
        app.get("/ogc/", this::landing);
        app.get("/ogc/conformance", this::conformance);
        app.get("/ogc/api", ctx -> json.write(ctx, 200, OPENAPI, OpenApiDocument.build(base(ctx),
                publish.collections(principal.apply(ctx)))));
        app.get("/ogc/collections", this::collections);
        app.get("/ogc/collections/{id}", this::collection);
        app.get("/ogc/collections/{id}/queryables", this::queryables);
        app.get("/ogc/collections/{id}/items", this::items);
        app.get("/ogc/collections/{id}/items/{featureId}", this::item);
    }

    static String base(Context ctx) {
        return vn.anttmap.api.ClientAddress.origin(ctx) + "/ogc";
    }

    private static boolean html(Context ctx) {
        String f = ctx.queryParam("f");
        if (f != null) {
            return f.equals("html");
        }
        String accept = ctx.header("Accept");
        return accept != null && accept.startsWith("text/html");
    }

    private static Map<String, Object> link(String href, String rel, String type, String title) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("href", href);
        l.put("rel", rel);
        l.put("type", type);
        l.put("title", title);
        return l;
    }

    void landing(Context ctx) {
        String b = base(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "ANTT Map — Bản đồ an ninh, trật tự");
        body.put("description", "Wards, residential areas with their verdicts against Thông tư 124/2021/TT-BCA, cameras, "
                + "camera coverage, incidents and proposed camera sites");
        body.put("links", List.of(link(b, "self", JSON, "this document"), link(b + "?f=html", "alternate", HTML, "as HTML"),
                link(b + "/api", "service-desc", OPENAPI, "the API definition"),
                link(b + "/conformance", "conformance", JSON, "conformance classes"),
                link(b + "/collections", "data", JSON, "the collections")));
        respond(ctx, body);
    }

    void conformance(Context ctx) {
        respond(ctx, Map.of("conformsTo", CONFORMANCE));
    }

    void collections(Context ctx) {
        String b = base(ctx);
        List<Object> cols = new ArrayList<>();
        for (PublishService.Collection c : publish.collections(principal.apply(ctx))) {
            cols.add(describe(b, c, principal.apply(ctx)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("links", List.of(link(b + "/collections", "self", JSON, "the collections"),
                link(b + "/collections?f=html", "alternate", HTML, "as HTML")));
        body.put("collections", cols);
        respond(ctx, body);
    }

    void collection(Context ctx) {
        respond(ctx, describe(base(ctx), find(ctx), principal.apply(ctx)));
    }

    void queryables(Context ctx) {
        PublishService.Collection c = find(ctx);
        Map<String, Object> props = new LinkedHashMap<>();
        for (String p : c.properties()) {
            props.put(p, Map.of("title", p));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("$schema", "https://json-schema.org/draft/2019-09/schema");
        body.put("$id", base(ctx) + "/collections/" + c.id() + "/queryables");
        body.put("type", "object");
        body.put("title", c.title());
        body.put("properties", props);
        json.write(ctx, 200, "application/schema+json", body);
    }

    private Map<String, Object> describe(String b, PublishService.Collection c, vn.anttmap.auth.Principal who) {
        String items = b + "/collections/" + c.id() + "/items";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("title", c.title());
        m.put("description", c.description());
        m.put("itemType", "feature");
        m.put("crs", List.of("http://www.opengis.net/def/crs/OGC/1.3/CRS84"));
        Envelope e = new Envelope();
        publish.features(who, c.id(), null).forEach(f -> {
            if (f.geometry() != null && !f.geometry().isEmpty()) {
                e.expandToInclude(f.geometry().getEnvelopeInternal());
            }
        });
        if (!e.isNull()) {
            Map<String, Object> spatial = new LinkedHashMap<>();
            spatial.put("bbox", List.of(List.of(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY())));
            spatial.put("crs", "http://www.opengis.net/def/crs/OGC/1.3/CRS84");
            m.put("extent", Map.of("spatial", spatial));
        }
        m.put("links", List.of(link(b + "/collections/" + c.id(), "self", JSON, "this collection"),
                link(items, "items", GEOJSON, "the features"), link(items + "?f=html", "items", HTML, "the features as HTML"),
                link(b + "/collections/" + c.id() + "/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables",
                        "application/schema+json", "the queryables")));
        return m;
    }

    void items(Context ctx) throws IOException {
        PublishService.Collection c = find(ctx);
        Set<String> unknown = new TreeSet<>(ctx.queryParamMap().keySet());
        unknown.removeAll(Set.of("limit", "offset", "bbox", "datetime", "filter", "filter-lang", "f", "cursor"));
        if (!unknown.isEmpty()) {
            throw new BadRequest(400, "tham số truy vấn không được biết: " + String.join(", ", unknown) + " / unknown query parameter "
                    + String.join(", ", unknown));
        }
        int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        if (offset > MAX_OFFSET) {
            // offset + limit overflowed an int: a 500 from subList.
            throw new BadRequest(400, "offset: '" + offset + "' vượt quá " + MAX_OFFSET + " / offset: '" + offset
                    + "' is more than " + MAX_OFFSET);
        }
        String cursor = ctx.queryParam("cursor");
        if (ctx.queryParam("datetime") == null && ctx.queryParam("filter") == null && offset == 0 && !html(ctx)) {
            var stored = publish.storedPage(principal.apply(ctx), c.id(), bbox(ctx), cursor, limit);
            if (stored.isPresent()) {
                storedItems(ctx, c, stored.get(), limit, cursor);
                return;
            }
        }
        if (cursor != null) {
            throw new BadRequest(400, "cursor: chỉ dùng cho các trang tiếp theo của camera và vụ việc, khi không có datetime hay filter"
                    + " / cursor: only for the next pages of cameras and incidents without datetime or filter");
        }
        List<Feature> all = publish.features(principal.apply(ctx), c.id(), bbox(ctx));
        String datetime = ctx.queryParam("datetime");
        if (datetime != null) {
            all = all.stream().filter(datetimeFilter(c, datetime)).toList();
        }
        String filter = ctx.queryParam("filter");
        if (filter != null) {
            String lang = ctx.queryParam("filter-lang");
            if (lang != null && !lang.equals("cql2-text")) {
                throw new BadRequest(400, "filter-lang: chỉ hỗ trợ cql2-text / filter-lang: only cql2-text is supported");
            }
            try {
                Cql2Filter f = Cql2Filter.parse(filter, new LinkedHashSet<>(c.properties()));
                all = all.stream().filter(f).toList();
            } catch (IllegalArgumentException e) {
                Messages.Text why = Messages.Text.split(e.getMessage());
                throw new BadRequest(400, "filter: " + why.vi() + " / filter: " + why.en());
            }
        }
        List<Feature> page = all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
        String self = base(ctx) + "/collections/" + c.id() + "/items";
        String query = keep(ctx);
        List<Object> links = new ArrayList<>();
        links.add(link(self + "?" + query + "limit=" + limit + "&offset=" + offset, "self", GEOJSON, "this page"));
        links.add(link(self + "?" + query + "limit=" + limit + "&offset=" + offset + "&f=html", "alternate", HTML, "as HTML"));
        if (offset + limit < all.size()) {
            links.add(link(self + "?" + query + "limit=" + limit + "&offset=" + (offset + limit), "next", GEOJSON, "next page"));
        }
        if (offset > 0) {
            links.add(link(self + "?" + query + "limit=" + limit + "&offset=" + Math.max(0, offset - limit), "prev", GEOJSON, "previous page"));
        }
        links.add(link(base(ctx) + "/collections/" + c.id(), "collection", JSON, "the collection"));
        if (html(ctx)) {
            ctx.contentType("text/html; charset=utf-8").result(HtmlView.items(c, page, all.size(), links));
            return;
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("timeStamp", OffsetDateTime.now().withNano(0).toString());
        extra.put("numberMatched", all.size());
        extra.put("numberReturned", page.size());
        extra.put("links", links);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GeoJsonWriter.writeComputed(page, extra, out);
        ctx.contentType(GEOJSON).result(out.toByteArray());
    }

    /** A page read by id from the database; the next link carries a cursor (the last id), so paging stays cheap. */
    private void storedItems(Context ctx, PublishService.Collection c, PublishService.StoredPage page, int limit, String cursor)
            throws IOException {
        String self = base(ctx) + "/collections/" + c.id() + "/items";
        String query = keep(ctx);
        String here = self + "?" + query + "limit=" + limit
                + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8));
        List<Object> links = new ArrayList<>();
        links.add(link(here, "self", GEOJSON, "this page"));
        links.add(link(here + "&f=html", "alternate", HTML, "as HTML"));
        if (page.nextCursor() != null) {
            links.add(link(self + "?" + query + "limit=" + limit + "&cursor="
                    + java.net.URLEncoder.encode(page.nextCursor(), java.nio.charset.StandardCharsets.UTF_8), "next", GEOJSON, "next page"));
        }
        links.add(link(base(ctx) + "/collections/" + c.id(), "collection", JSON, "the collection"));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("timeStamp", OffsetDateTime.now().withNano(0).toString());
        if (page.numberMatched() != null) {
            extra.put("numberMatched", page.numberMatched());
        }
        extra.put("numberReturned", page.features().size());
        extra.put("links", links);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GeoJsonWriter.writeComputed(page.features(), extra, out);
        ctx.contentType(GEOJSON).result(out.toByteArray());
    }

    void item(Context ctx) throws IOException {
        PublishService.Collection c = find(ctx);
        String id = ctx.pathParam("featureId");
        Feature f = publish.features(principal.apply(ctx), c.id(), null).stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new BadRequest(404, "không có đối tượng '" + id + "' trong lớp " + c.id() + " / no feature '" + id
                        + "' in collection " + c.id()));
        if (html(ctx)) {
            ctx.contentType("text/html; charset=utf-8").result(HtmlView.items(c, List.of(f), 1, List.of()));
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GeoJsonWriter.writeComputed(List.of(f), Map.of(), out);
        String collection = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        int start = collection.indexOf("\"features\":[") + "\"features\":[".length();
        String feature = collection.substring(start, collection.length() - 2);
        String here = base(ctx) + "/collections/" + c.id() + "/items/" + id;
        String links = HtmlView.linksJson(List.of(link(here, "self", GEOJSON, "this feature"),
                link(here + "?f=html", "alternate", HTML, "this feature as HTML"),
                link(base(ctx) + "/collections/" + c.id(), "collection", JSON, "the collection")));
        ctx.contentType(GEOJSON).result(feature.substring(0, feature.length() - 1) + ",\"links\":" + links + "}");
    }

    private PublishService.Collection find(Context ctx) {
        String id = ctx.pathParam("id");
        PublishService.Collection c = publish.collection(id).orElseThrow(() -> new BadRequest(404, "không có lớp dữ liệu '" + id + "' / no collection '"
                + id + "'"));
        vn.anttmap.auth.Principal who = principal.apply(ctx);
        if (!vn.anttmap.auth.AccessPolicy.canRead(who, id)) {
            Messages.Text what = Messages.layerLabel(id);
            throw new BadRequest(who.isPublic() ? 401 : 403, (who.isPublic() ? "đăng nhập với vai trò được xem " : "vai trò của bạn không được xem ")
                    + what.vi() + " / " + (who.isPublic() ? "sign in with a role that may see " : "your role may not see ") + what.en());
        }
        return c;
    }

    private void respond(Context ctx, Object body) {
        if (html(ctx)) {
            ctx.contentType("text/html; charset=utf-8").result(HtmlView.document(body));
        } else {
            json.write(ctx, 200, JSON, body);
        }
    }

    /** The filter parameters of a request, to repeat in paging links. */
    private static String keep(Context ctx) {
        StringBuilder sb = new StringBuilder();
        for (String p : List.of("bbox", "datetime", "filter", "filter-lang")) {
            String v = ctx.queryParam(p);
            if (v != null) {
                sb.append(p).append('=').append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)).append('&');
            }
        }
        return sb.toString();
    }

    private static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min) {
                throw new NumberFormatException();
            }
            return Math.min(n, max);
        } catch (NumberFormatException e) {
            throw new BadRequest(400, name + ": '" + v + "' không phải số nguyên từ " + min + " trở lên / " + name + ": '" + v
                    + "' is not a whole number from " + min);
        }
    }

    private static Envelope bbox(Context ctx) {
        String v = ctx.queryParam("bbox");
        if (v == null) {
            return null;
        }
        String[] all = v.split(",");
        try {
            if (all.length != 4 && all.length != 6) {
                throw new NumberFormatException();
            }
            // Six numbers carry heights (minLon,minLat,minHeight,maxLon,maxLat,maxHeight): the features are flat, so a
            // box with heights selects as its footprint does.
            String[] p = all.length == 4 ? all : new String[]{all[0], all[1], all[3], all[4]};
            if (all.length == 6) {
                for (String h : new String[]{all[2], all[5]}) {
                    if (!Double.isFinite(Double.parseDouble(h.trim()))) {
                        throw new BadRequest(400, "bbox: '" + h.trim() + "' không phải số hữu hạn / bbox: '" + h.trim()
                                + "' is not a finite number");
                    }
                }
            }
            double[] n = new double[4];
            for (int i = 0; i < 4; i++) {
                n[i] = Double.parseDouble(p[i].trim());
                if (!Double.isFinite(n[i])) {
                    throw new BadRequest(400, "bbox: '" + p[i].trim() + "' không phải số hữu hạn / bbox: '" + p[i].trim()
                            + "' is not a finite number");
                }
            }
            if (n[0] > n[2] || n[1] > n[3]) {
                // An Envelope would swap them silently and answer for another box.
                throw new BadRequest(400, "bbox: giá trị nhỏ nhất lớn hơn giá trị lớn nhất trong '" + v + "' / bbox: minimum greater than "
                        + "maximum in '" + v + "' (order is minLon,minLat,maxLon,maxLat)");
            }
            if (Math.abs(n[1]) > 90 || Math.abs(n[3]) > 90 || Math.abs(n[0]) > 180 || Math.abs(n[2]) > 180) {
                throw new BadRequest(400, "bbox: ngoài kinh độ -180..180 / vĩ độ -90..90 / outside longitude -180..180 / "
                        + "latitude -90..90 (order is minLon,minLat,maxLon,maxLat)");
            }
            return new Envelope(n[0], n[2], n[1], n[3]);
        } catch (NumberFormatException e) {
            throw new BadRequest(400, "bbox: cần 4 số minLon,minLat,maxLon,maxLat (hoặc 6, có độ cao), nhận được '" + v
                    + "' / bbox: expected minLon,minLat,maxLon,maxLat (or 6 numbers with heights), got '" + v + "'");
        }
    }

    /** {@code datetime}: an instant or date, or an interval {@code a/b} with {@code ..} for an open end. */
    private static java.util.function.Predicate<Feature> datetimeFilter(PublishService.Collection c, String v) {
        String[] parts = v.split("/", -1);
        LocalDate from;
        LocalDate to;
        try {
            from = parts[0].isEmpty() || parts[0].equals("..") ? null : day(parts[0]);
            to = parts.length == 1 ? from : parts[1].isEmpty() || parts[1].equals("..") ? null : day(parts[1]);
        } catch (DateTimeParseException e) {
            throw new BadRequest(400, "datetime: '" + v + "' không phải ngày, thời điểm hay khoảng thời gian theo RFC 3339 / datetime: '"
                    + v + "' is not an RFC 3339 date, instant or interval");
        }
        if (c.temporalField() == null) {
            return f -> true;
        }
        return f -> {
            LocalDate d = PublishService.day(f.get(c.temporalField()));
            return d != null && (from == null || !d.isBefore(from)) && (to == null || !d.isAfter(to));
        };
    }

    private static LocalDate day(String s) {
        return s.length() == 10 ? LocalDate.parse(s) : vn.anttmap.model.VietnamTime.localDay(OffsetDateTime.parse(s));
    }

    @SuppressWarnings("unused")
    private static String text(Object v) {
        return Values.format(v);
    }
}
