package vn.anttmap.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.anttmap.auth.AccessPolicy;
import vn.anttmap.io.ReportHtml;
import vn.anttmap.io.ReportText;
import vn.anttmap.io.ReportText.Lang;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;
import vn.anttmap.scoring.Scorecard;
import vn.anttmap.scoring.Standard;
import vn.anttmap.service.FeatureService;
import vn.anttmap.service.ScoringService;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * {@code GET /report.html?ward=&area=&year=&lang=&so=&place=&date=&signer=&title=}: the yearly report rendered here, whole,
 * so that any client or printer gets the document. The cards are those the JSON API shows the same reader (without
 * evidence for whoever may not see the ward's records); failures answer with the API's statuses, as a page in the
 * report's language.
 */
final class ReportController {
    static final Set<String> PARAMETERS = Set.of("ward", "area", "year", "lang", "so", "number", "place", "date", "signer",
            "title");

    private final vn.anttmap.service.ScorecardCache scoring;
    private final FeatureService features;
    private final ReportHtml html;

    ReportController(vn.anttmap.service.ScorecardCache scoring, FeatureService features, vn.anttmap.model.Taxonomy taxonomy) {
        this.scoring = scoring;
        this.features = features;
        this.html = new ReportHtml(new ReportText(taxonomy));
    }

    static void register(Javalin app, vn.anttmap.service.ScorecardCache scoring, FeatureService features,
                         vn.anttmap.model.Taxonomy taxonomy) {
        app.get("/report.html", new ReportController(scoring, features, taxonomy)::report);
    }

    /** A failure to show as the page, in Vietnamese and English. */
    private static final class Refused extends RuntimeException {
        final int status;
        final String en;

        Refused(int status, String vi, String en) {
            super(vi);
            this.status = status;
            this.en = en;
        }
    }

    void report(Context ctx) {
        Lang lang = Lang.of(ctx.queryParam("lang"));
        try {
            ctx.status(200).contentType("text/html; charset=utf-8").result(render(ctx, lang));
        } catch (Refused e) {
            page(ctx, lang, e.status, lang == Lang.VI ? e.getMessage() : e.en);
        } catch (Standard.NotInForceException e) {
            page(ctx, lang, 422, lang == Lang.VI ? e.vi() : e.en());
        } catch (NoSuchElementException e) {
            page(ctx, lang, 404, lang == Lang.VI ? "Không tìm thấy: " + e.getMessage() : "Not found: " + e.getMessage());
        }
    }

    private static void page(Context ctx, Lang lang, int status, String message) {
        ctx.status(status).contentType("text/html; charset=utf-8").result(ReportHtml.error(lang, status, message));
    }

    private String render(Context ctx, Lang lang) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new Refused(400, "Tham số không hợp lệ: '" + name + "'; dùng " + String.join(", ", PARAMETERS.stream().sorted().toList()),
                        "Unknown query parameter '" + name + "'; use " + String.join(", ", PARAMETERS.stream().sorted().toList()));
            }
        }
        String lg = QueryParams.text(ctx, "lang");
        if (lg != null && !lg.equals("vi") && !lg.equals("en")) {
            throw new Refused(400, "lang: '" + lg + "' không phải vi hoặc en", "lang: '" + lg + "' is not vi or en");
        }
        int year = year(QueryParams.text(ctx, "year"));
        ReportHtml.Signature signature = new ReportHtml.Signature(first(ctx, "so", "number"), QueryParams.text(ctx, "place"),
                date(QueryParams.text(ctx, "date")), QueryParams.text(ctx, "signer"), QueryParams.text(ctx, "title"));
        String area = QueryParams.text(ctx, "area");
        String ward = QueryParams.ward(ctx);
        if (area != null) {
            String owner;
            try {
                owner = scoring.wardOfArea(area);
            } catch (NoSuchElementException e) {
                throw new Refused(404, "Không có khu dân cư mã '" + area + "'", "no residential area has id '" + area + "'");
            }
            if (ward != null && !ward.equals(owner)) {
                throw new Refused(400, "khu dân cư '" + area + "' không thuộc phường '" + ward + "'",
                        "residential area '" + area + "' is not in ward '" + ward + "'");
            }
            ward = owner;
        } else if (ward == null) {
            throw new Refused(400, "Thiếu tham số ward (mã phường)", "ward: required, the ward's id");
        }
        String wardId = ward;
        Standard std = scoring.standard();
        String wardName = name(features.list(Layer.WARDS, FeatureQuery.ALL.withAt(std.wardPeriod().of(year).last())), wardId)
                .or(() -> name(features.list(Layer.WARDS, FeatureQuery.ALL), wardId))
                .orElseThrow(() -> new Refused(404, "Không có phường mã '" + wardId + "'", "no ward has id '" + wardId + "'"));
        boolean exact = AccessPolicy.seesExact(Access.principal(ctx), wardId);
        Scorecard card;
        List<Scorecard> areas = List.of();
        if (area != null) {
            card = scoring.scoreArea(area, year);
        } else {
            card = scoring.scoreWard(wardId, year);
            areas = scoring.scoreAreas(wardId, year);
        }
        if (!exact) {
            card = ScoringService.redacted(card);
            areas = areas.stream().map(ScoringService::redacted).toList();
        }
        Map<String, String> areaNames = new LinkedHashMap<>();
        features.list(Layer.AREAS, FeatureQuery.ALL.withWard(wardId)).forEach(f -> areaNames.put(f.id(), f.text("name")));
        features.list(Layer.AREAS, FeatureQuery.ALL.withWard(wardId).withAt(std.areaPeriod().of(year).last()))
                .forEach(f -> areaNames.put(f.id(), f.text("name")));
        areaNames.values().removeIf(java.util.Objects::isNull);
        return html.render(new ReportHtml.Report(lang, std, card, wardName,
                area == null ? null : areaNames.getOrDefault(area, area), areas, areaNames, signature,
                features.defaultPeriod()));
    }

    private static java.util.Optional<String> name(List<Feature> list, String id) {
        return list.stream().filter(f -> f.id().equals(id)).map(f -> f.text("name") == null ? id : f.text("name")).findFirst();
    }

    private static String first(Context ctx, String a, String b) {
        String v = QueryParams.text(ctx, a);
        return v != null ? v : QueryParams.text(ctx, b);
    }

    static int year(String v) {
        if (v == null) {
            throw new Refused(400, "Thiếu tham số year (năm kết thúc kỳ đánh giá, ví dụ 2023)",
                    "year: required, the year the period ends in, e.g. 2023");
        }
        return QueryParams.parseYear(v).orElseThrow(() -> new Refused(400, "year: '" + v + "' không phải một năm từ 2000 đến 2100",
                "year: '" + v + "' is not a year between 2000 and 2100"));
    }

    /** The document's date: ISO (2023-11-20) or as written on paper (20/11/2023). */
    static LocalDate date(String v) {
        if (v == null) {
            return null;
        }
        try {
            return v.contains("/") ? LocalDate.parse(v, ReportText.DAY) : LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new Refused(400, "date: '" + v + "' không phải ngày (dd/MM/yyyy hoặc yyyy-MM-dd)",
                    "date: '" + v + "' is not a date (dd/MM/yyyy or yyyy-MM-dd)");
        }
    }
}
