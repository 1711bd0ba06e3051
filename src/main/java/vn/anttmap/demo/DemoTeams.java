package vn.anttmap.demo;

import vn.anttmap.model.Feature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import static vn.anttmap.demo.DemoContext.props;

/** The self-management teams of every area: a street guard team, its social security teams, an e-ID support team. */
final class DemoTeams {
    private final DemoContext ctx;

    DemoTeams(DemoContext ctx) {
        this.ctx = ctx;
    }

    List<Feature> teams(List<Feature> areas) {
        List<Feature> out = new ArrayList<>();
        String[] ratings = {"completed_excellently", "completed_well", "completed"};
        int[] socialTeams = new int[areas.size()];
        Arrays.fill(socialTeams, 9);
        socialTeams[0] = 10;
        socialTeams[1] = 10;
        int totalSocial = IntStream.of(socialTeams).sum();
        int[] socialMembers = ctx.split(DemoPlan.SOCIAL_SECURITY_MEMBERS, totalSocial);
        int[] eidMembers = ctx.split(DemoPlan.EID_MEMBERS, DemoPlan.EID_TEAMS);
        int social = 0;
        for (int a = 0; a < areas.size(); a++) {
            Feature area = areas.get(a);
            String rating = a == 6 ? "not_completed" : ratings[ctx.rnd.nextInt(ratings.length)];
            out.add(team("bvdp-" + area.id(), area, "street_guard", "Tổ bảo vệ dân phố " + area.get("name"),
                    a == 12 ? 1 : 2, rating, a == 11 ? 1 : 0));
            for (int t = 0; t < socialTeams[a]; t++) {
                out.add(team(String.format(Locale.ROOT, "anxh-%s-%02d", area.id(), t + 1), area, "social_security",
                        "Tổ an ninh xã hội số " + (t + 1), socialMembers[social++], ratings[ctx.rnd.nextInt(ratings.length)], 0));
            }
            out.add(team("cnso-" + area.id(), area, "eid_support", "Tổ hướng dẫn định danh điện tử",
                    eidMembers[a], "completed_well", 0));
        }
        return out;
    }

    private static Feature team(String id, Feature area, String kind, String name, int members, String rating, int disciplined) {
        return new Feature(id, null, props("area_id", area.id(), "kind", kind, "name", name, "member_count", members,
                "rating_year", DemoPlan.TEAM_YEAR, "rating", rating, "disciplined_members", disciplined));
    }
}
