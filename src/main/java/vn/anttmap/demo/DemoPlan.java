package vn.anttmap.demo;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The figures the demo must reproduce (from the ward's 2023 report, {@code shared/seed/facts.md}) and the
 * hand-written plan that spreads them over the 14 residential areas so that some areas would meet the standard and
 * some would not; then the handling histories and the three neighbouring wards' plans. Everything random in the
 * generator is drawn from {@link #SEED}, but the histories ({@link #HANDLING_SEED}) and each neighbour (its own seed).
 */
final class DemoPlan {
    static final long SEED = 2023_08_31L;

    static final int AREAS = 14;
    static final int CAMERAS = 125;
    static final int REGISTERED_HOUSEHOLDS = 3_993;
    static final int STREET_GUARD_TEAMS = 14;
    static final int STREET_GUARD_MEMBERS = 27;
    static final int SOCIAL_SECURITY_TEAMS = 128;
    static final int SOCIAL_SECURITY_MEMBERS = 3_437;
    static final int EID_TEAMS = 14;
    static final int EID_MEMBERS = 235;
    static final int TEAM_YEAR = 2023;

    /** A span of days and how many records fall in it. */
    record Window(LocalDate first, LocalDate last) {
    }

    static final Window W1 = new Window(LocalDate.of(2021, 11, 1), LocalDate.of(2021, 12, 31));
    static final Window W2 = new Window(LocalDate.of(2022, 1, 1), LocalDate.of(2022, 8, 31));
    static final Window W3 = new Window(LocalDate.of(2022, 9, 1), LocalDate.of(2022, 10, 31));
    static final Window W4 = new Window(LocalDate.of(2022, 11, 1), LocalDate.of(2022, 12, 31));
    static final Window W5 = new Window(LocalDate.of(2023, 1, 1), LocalDate.of(2023, 8, 31));
    static final Window W6 = new Window(LocalDate.of(2023, 9, 1), LocalDate.of(2023, 10, 31));
    static final List<Window> WINDOWS = List.of(W1, W2, W3, W4, W5, W6);

    /**
     * Incidents per area (rows, in area order) and window (columns W1..W6). Column sums: 4, 18, 3, 4, 5, 2, so
     * 01/01–31/08/2022 has 18 and 01/01–31/08/2023 has 5, as published. Areas 3, 6, 11 and 13 have as many or
     * more in the 2023 period (01/11/2022–31/10/2023) as in 2022; area 12 has none in either.
     */
    static final int[][] INCIDENTS = {
            {1, 2, 0, 0, 1, 0},
            {0, 2, 1, 1, 0, 0},
            {1, 1, 0, 0, 0, 0},
            {0, 2, 0, 1, 1, 0},
            {0, 1, 0, 0, 0, 0},
            {1, 2, 1, 0, 1, 0},
            {0, 1, 0, 0, 0, 1},
            {0, 1, 0, 0, 0, 0},
            {1, 2, 0, 1, 1, 0},
            {0, 1, 0, 0, 0, 0},
            {0, 1, 1, 0, 1, 0},
            {0, 1, 0, 1, 0, 0},
            {0, 0, 0, 0, 0, 0},
            {0, 1, 0, 0, 0, 1},
    };

    /** Mediated disputes per window W1..W6: 11 in 01/01–31/08/2023, as published. */
    static final int[] DISPUTES = {2, 5, 1, 2, 11, 2};
    /** Video extractions per window W1..W6: 27 in 01/01–31/08/2023, as published. */
    static final int[] EXTRACTIONS = {2, 8, 2, 3, 27, 3};

    /** Share of resident households registered per area (K1 needs 100%). */
    static final double[] REGISTERED_SHARE = {1, 1, 0.97, 1, 1, 1, 0.985, 1, 1, 0.96, 1, 1, 1, 0.99};

    /** The period year the demo's attestations, teams and household counts are for. */
    static final int SCORING_YEAR = 2023;
    /** Areas with no K2 attestation yet, so that their verdict is "chưa đủ căn cứ". */
    static final int[] WITHOUT_K2_ATTESTATION = {7, 12};
    /** K4c: area, window, kind of a social-order record (area 2 already misses K1). */
    static final Object[][] SOCIAL_RECORDS = {{2, 4, "new_social_evil_person"}};

    /** Residential areas: name, kind, whether the name is found in public sources. */
    record AreaName(String name, String kind, boolean publicName) {
    }

    /** Coastal areas take the coastal names (Giang Sơn and Đông Hải hold the beach); then the rest in order. */
    static final List<AreaName> COASTAL_NAMES = List.of(
            new AreaName("Tổ dân phố Giang Sơn", "to_dan_pho", true),
            new AreaName("Tổ dân phố Đông Hải", "to_dan_pho", true));
    static final List<AreaName> OTHER_NAMES = List.of(
            new AreaName("Tổ dân phố Tiền Phong", "to_dan_pho", true),
            new AreaName("Tổ dân phố Bắc Sơn", "to_dan_pho", false),
            new AreaName("Tổ dân phố Hải Tiến", "to_dan_pho", false),
            new AreaName("Tổ dân phố Tân Thành", "to_dan_pho", false),
            new AreaName("Tổ dân phố Trung Tiến", "to_dan_pho", false),
            new AreaName("Tổ dân phố Nam Hải", "to_dan_pho", false),
            new AreaName("Tổ dân phố Hòa Bình", "to_dan_pho", false),
            new AreaName("Tổ dân phố Quang Trung", "to_dan_pho", false),
            new AreaName("Tổ dân phố Thống Nhất", "to_dan_pho", false),
            new AreaName("Tiểu khu 1", "tieu_khu", false),
            new AreaName("Tiểu khu 2", "tieu_khu", false),
            new AreaName("Tiểu khu 3", "tieu_khu", false));

    /**
     * The incidents' handling histories draw from their own sequence ({@link DemoHandling}), so that adding them left
     * every other value of the demo as it was.
     */
    static final long HANDLING_SEED = SEED + 22;
    /**
     * The demo's "today" for the handling: the last day of the ward's 2023 period (16/11/2022–15/11/2023), end of the
     * working day. No step is recorded after it; what was not done by then is still open.
     */
    static final OffsetDateTime HANDLING_AS_OF = OffsetDateTime.of(2023, 11, 15, 17, 0, 0, 0, ZoneOffset.ofHours(7));
    /** Hải Hòa handles at the pace the histories are drawn at; most of the last 75 days' incidents still open. */
    static final DemoHandling.Profile HAI_HOA_HANDLING = new DemoHandling.Profile(1.0, 75, 0.7, 0.03);

    /**
     * What a neighbouring ward's residential area is planned to show for the scoring year: each but {@code MEETS}
     * fails one check (or leaves one undecided), every other check being met.
     */
    enum Fate {
        /** Everything met: đạt. */
        MEETS,
        /** Fewer than 100% of households registered (K1): chưa đạt. */
        UNREGISTERED,
        /** As many or more crimes, social evils and administrative violations than the year before (K4a): chưa đạt. */
        MORE_INCIDENTS,
        /** A crime of nghiêm trọng, without an exception (K4b): chưa đạt. */
        SERIOUS_CRIME,
        /** The street-guard team rated "not completed" (K5): chưa đạt. */
        TEAM_NOT_COMPLETED,
        /** No K2 attestation yet: chưa đủ căn cứ. */
        WITHOUT_K2,
        /** The area's incident register not declared complete for the year: chưa đủ căn cứ. */
        REGISTER_UNDECLARED
    }

    /**
     * A neighbouring ward's synthetic data ({@link DemoNeighbour}): its own seed; a code prefix for its areas and
     * cameras; the kind and name of its areas, one per fate (areas ordered north to south); how many cameras, how many
     * of them inactive or under maintenance; how its police handle; whether its school was recognised (null: no result).
     */
    record Neighbour(String wardId, long seed, String code, String areaKind, String areaName, List<Fate> areas,
                     int cameras, int inactive, int maintenance, DemoHandling.Profile handling, Boolean schoolRecognised) {
    }

    /**
     * The three neighbours, generated after everything of Hải Hòa: Bình Minh handles fast and most areas meet the
     * standard; Hải Nhân (a xã of thôn) handles slowly; Ninh Hải leaves many incidents open.
     */
    static final List<Neighbour> NEIGHBOURS = List.of(
            new Neighbour("binh-minh", SEED + 101, "BM", "to_dan_pho", "Tổ dân phố",
                    List.of(Fate.MEETS, Fate.MEETS, Fate.UNREGISTERED, Fate.MEETS, Fate.WITHOUT_K2),
                    30, 2, 1, new DemoHandling.Profile(0.35, 30, 0.2, 0.0), Boolean.TRUE),
            new Neighbour("hai-nhan", SEED + 102, "HN", "thon", "Thôn",
                    List.of(Fate.MEETS, Fate.MORE_INCIDENTS, Fate.TEAM_NOT_COMPLETED, Fate.WITHOUT_K2, Fate.MEETS,
                            Fate.UNREGISTERED),
                    18, 4, 2, new DemoHandling.Profile(3.0, 60, 0.6, 0.06), Boolean.FALSE),
            new Neighbour("ninh-hai", SEED + 103, "NH", "to_dan_pho", "Tổ dân phố",
                    List.of(Fate.MEETS, Fate.SERIOUS_CRIME, Fate.REGISTER_UNDECLARED, Fate.MORE_INCIDENTS),
                    24, 3, 2, new DemoHandling.Profile(1.2, 120, 0.85, 0.3), null));

    private DemoPlan() {
    }
}
