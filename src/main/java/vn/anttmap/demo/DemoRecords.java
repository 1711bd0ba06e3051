package vn.anttmap.demo;

import org.locationtech.jts.geom.Point;
import vn.anttmap.model.Feature;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import static vn.anttmap.demo.DemoContext.VN;
import static vn.anttmap.demo.DemoContext.props;
import static vn.anttmap.demo.DemoContext.within;

/** The dated records of the demo: mediated disputes, video extractions, camera maintenance and social records. */
final class DemoRecords {
    private final DemoContext ctx;

    DemoRecords(DemoContext ctx) {
        this.ctx = ctx;
    }

    List<Feature> disputes(List<Feature> areas) {
        String[] topics = {"Hòa giải mâu thuẫn giữa hai hộ gia đình về lối đi chung",
                "Hòa giải tranh chấp ranh giới đất ở", "Hòa giải mâu thuẫn trong gia đình",
                "Hòa giải tranh chấp về tiếng ồn kinh doanh", "Hòa giải mâu thuẫn về vệ sinh môi trường"};
        List<Feature> out = new ArrayList<>();
        for (int w = 0; w < DemoPlan.WINDOWS.size(); w++) {
            for (int k = 0; k < DemoPlan.DISPUTES[w]; k++) {
                LocalDate day = ctx.randomDay(DemoPlan.WINDOWS.get(w));
                String outcome = (w == 4 && k == 0) ? "ongoing" : (w == 1 && k == 0) ? "unsuccessful" : "successful";
                out.add(new Feature(null, null, props("mediated_on", day,
                        "area_id", areas.get(ctx.rnd.nextInt(areas.size())).id(), "outcome", outcome,
                        "description", topics[ctx.rnd.nextInt(topics.length)])));
            }
        }
        return ctx.numberByDay(out, "mediated_on", "hg");
    }

    List<Feature> extractions(List<Feature> cameras, List<Feature> incidents) {
        String[] purposes = {"Xác minh vụ tai nạn giao thông", "Tìm tài sản thất lạc của du khách",
                "Truy xét đối tượng trộm cắp", "Xác minh phản ánh của người dân", "Phục vụ điều tra vụ việc"};
        List<Feature> out = new ArrayList<>();
        for (int w = 0; w < DemoPlan.WINDOWS.size(); w++) {
            DemoPlan.Window window = DemoPlan.WINDOWS.get(w);
            List<Feature> inWindow = incidents.stream().filter(i -> within(window,
                    ((OffsetDateTime) i.get("occurred_at")).atZoneSameInstant(VN).toLocalDate())).toList();
            int linked = w == 4 ? inWindow.size() : Math.min(inWindow.size(), DemoPlan.EXTRACTIONS[w] / 2);
            for (int k = 0; k < DemoPlan.EXTRACTIONS[w]; k++) {
                Feature incident = k < linked ? inWindow.get(k) : null;
                LocalDate day;
                Feature camera;
                if (incident != null) {
                    LocalDate happened = ((OffsetDateTime) incident.get("occurred_at")).atZoneSameInstant(VN).toLocalDate();
                    day = happened.plusDays(ctx.rnd.nextInt(3));
                    day = day.isAfter(window.last()) ? window.last() : day;
                    camera = nearestCamera(cameras, (Point) incident.geometry(), day);
                } else {
                    day = ctx.randomDay(window);
                    LocalDate d = day;
                    List<Feature> installed = cameras.stream()
                            .filter(c -> !((LocalDate) c.get("installed_on")).isAfter(d)).toList();
                    camera = installed.get(ctx.rnd.nextInt(installed.size()));
                }
                out.add(new Feature(null, null, props("camera_id", camera.id(), "extracted_on", day,
                        "incident_id", incident == null ? null : incident.id(),
                        "purpose", incident == null ? purposes[ctx.rnd.nextInt(purposes.length)] : "Phục vụ điều tra vụ việc")));
            }
        }
        return ctx.numberByDay(out, "extracted_on", "tx");
    }

    private static Feature nearestCamera(List<Feature> cameras, Point p, LocalDate day) {
        return cameras.stream().filter(c -> !((LocalDate) c.get("installed_on")).isAfter(day))
                .min(Comparator.comparingDouble(c -> c.geometry().distance(p))).orElseThrow();
    }

    /** A yearly inspection of every camera, and the failed repair attempts of the ones out of service. */
    List<Feature> maintenance(List<Feature> cameras) {
        List<Feature> out = new ArrayList<>();
        for (Feature c : cameras) {
            LocalDate inspected = LocalDate.of(2023, 3, 1).plusDays(ctx.rnd.nextInt(60));
            String broken = (String) c.get("status");
            out.add(new Feature("bt-" + c.id() + "-" + inspected, null, props("camera_id", c.id(), "done_on", inspected,
                    "action", "inspection", "cost_vnd", 0, "note", "active".equals(broken) ? "Hoạt động bình thường"
                            : "Hỏng nguồn / mất tín hiệu, chưa có kinh phí sửa chữa")));
            if (!"active".equals(broken)) {
                LocalDate tried = inspected.plusDays(10 + ctx.rnd.nextInt(30));
                out.add(new Feature("sc-" + c.id() + "-" + tried, null, props("camera_id", c.id(), "done_on", tried,
                        "action", "repair", "cost_vnd", 1_500_000 + 500_000 * ctx.rnd.nextInt(4),
                        "note", "Sửa tạm, hỏng lại; cần thay thiết bị")));
            }
        }
        return out;
    }

    List<Feature> socialRecords(List<Feature> areas) {
        List<Feature> out = new ArrayList<>();
        for (Object[] r : DemoPlan.SOCIAL_RECORDS) {
            Feature area = areas.get((Integer) r[0]);
            LocalDate day = ctx.randomDay(DemoPlan.WINDOWS.get((Integer) r[1]));
            out.add(new Feature(String.format(Locale.ROOT, "tdxh-%s-%s", area.id(), day), null, props(
                    "area_id", area.id(), "kind", r[2], "recorded_on", day, "record_count", 1,
                    "description", "Phát sinh 01 người sử dụng trái phép chất ma túy (số liệu tổng hợp, không có thông tin cá nhân)")));
        }
        return out;
    }
}
