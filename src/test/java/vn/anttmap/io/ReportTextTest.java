package vn.anttmap.io;

import org.junit.jupiter.api.Test;
import vn.anttmap.io.ReportText.Lang;
import vn.anttmap.scoring.Scorecard;
import vn.anttmap.scoring.Standard;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the officer reads: Vietnamese figures, labels, one language of the scorer's bilingual notes. */
class ReportTextTest {
    final ReportText text = new ReportText(TaxonomyReader.bundled());

    @Test
    void sharesAreCutAtOneDecimalNeverRoundedUpAndWrittenTheVietnameseWay() {
        assertThat(ReportText.percent(1999 / 2000.0)).isEqualTo("99,9 %");
        assertThat(ReportText.percent(0.985)).isEqualTo("98,5 %");
        assertThat(ReportText.percent(323 / 328.0)).isEqualTo("98,4 %");
        assertThat(ReportText.percent(1.0)).isEqualTo("100 %");
        assertThat(ReportText.percent(0.7)).isEqualTo("70 %");
        assertThat(ReportText.percent(0.0)).isEqualTo("0 %");
        assertThat(ReportText.count(3993)).isEqualTo("3.993");
        assertThat(ReportText.count(1_234_567)).isEqualTo("1.234.567");
        assertThat(ReportText.number(12.56, 1)).isEqualTo("12,5");
        assertThat(ReportText.number(-70.4, 1)).isEqualTo("-70,4");
        assertThat(ReportText.number(3993.0, 1)).isEqualTo("3.993");
    }

    @Test
    void theChangeCheckShowsThisPeriodAgainstThePrevious() {
        Standard std = StandardReader.bundled();
        Scorecard.CheckResult k = new Scorecard.CheckResult("K4a", Standard.Kind.COMPUTED, Scorecard.Status.MET, 1.0, "<", 2.0,
                null, List.of(), List.of(), null, List.of());
        assertThat(ReportText.figure(k, std.check("K4a").orElseThrow())).isEqualTo("1 / 2");
        Scorecard.CheckResult share = new Scorecard.CheckResult("K1.households", Standard.Kind.COMPUTED,
                Scorecard.Status.NOT_MET, 1999 / 2000.0, ">=", 1.0, null, List.of(), List.of(), null, List.of());
        assertThat(ReportText.figure(share, std.check("K1.households").orElseThrow())).isEqualTo("99,9 %");
    }

    @Test
    void notesAreSplitIntoTheirLanguagesEvenWhereAHalfHoldsASlash() {
        String none = "kỳ này / kỳ trước: 0 / 0: không tăng / this period / previous: 0 / 0: no increase";
        assertThat(text.note(none, Lang.VI)).isEqualTo("kỳ này / kỳ trước: 0 / 0: không tăng");
        assertThat(text.note(none, Lang.EN)).isEqualTo("this period / previous: 0 / 0: no increase");
        String undecided = "kỳ này / kỳ trước: 1 / 2 / this period / previous: 1 / 2; chưa xác nhận sổ theo dõi vụ việc đầy đủ"
                + " / the incident register has not been declared complete";
        assertThat(text.note(undecided, Lang.VI)).isEqualTo("kỳ này / kỳ trước: 1 / 2; chưa xác nhận sổ theo dõi vụ việc đầy đủ");
        assertThat(text.note(undecided, Lang.EN))
                .isEqualTo("this period / previous: 1 / 2; the incident register has not been declared complete");
        String units = "đăng ký: khu dân cư 3/5 (1 chưa có kết quả), cơ quan 1/2; tổng 4/7 / registered: residential areas 3/5 "
                + "(1 without a result), agencies 1/2; total 4/7";
        assertThat(text.note(units, Lang.VI)).isEqualTo("đăng ký: khu dân cư 3/5 (1 chưa có kết quả), cơ quan 1/2; tổng 4/7");
        assertThat(text.note(units, Lang.EN)).isEqualTo("registered: residential areas 3/5 (1 without a result), agencies 1/2; total 4/7");
        String details = "1 vụ được loại trừ theo quyết định / excepted by decision; 2 vụ cần bổ sung thông tin (mức độ tội phạm) / 2 "
                + "incident(s) need details (the crime's severity class)";
        assertThat(text.note(details, Lang.VI)).isEqualTo("1 vụ được loại trừ theo quyết định; 2 vụ cần bổ sung thông tin (mức độ tội phạm)");
        assertThat(text.note(details, Lang.EN)).isEqualTo("excepted by decision; 2 incident(s) need details (the crime's severity class)");
        assertThat(text.note("323/328 (2023-06-30)", Lang.VI)).isEqualTo("323/328 (30/06/2023)");
    }

    @Test
    void theTeamsThatFailAreNamedInBothLanguagesWithLabelsNotCodes() {
        String k5 = "tổ không đạt / teams failing: Tổ bảo vệ số 1 (1 thành viên bị kỷ luật / disciplined member(s)), Tổ Đông (not_completed)";
        assertThat(text.note(k5, Lang.VI))
                .isEqualTo("tổ không đạt: Tổ bảo vệ số 1 (1 thành viên bị kỷ luật), Tổ Đông (không hoàn thành nhiệm vụ)");
        assertThat(text.note(k5, Lang.EN)).isEqualTo("teams failing: Tổ bảo vệ số 1 (1 disciplined member(s)), Tổ Đông (not completed)");
    }

    @Test
    void codesBecomeLabels() {
        assertThat(text.localise("crime / it_nghiem_trong (2023-05-01)", Lang.VI))
                .isEqualTo("Tội phạm hình sự, ít nghiêm trọng (01/05/2023)");
        assertThat(text.localise("crime / dac_biet_nghiem_trong (2023-05-01)", Lang.EN))
                .isEqualTo("Crime, particularly serious (01/05/2023)");
        assertThat(text.label("force_majeure", Lang.VI)).isEqualTo("bất khả kháng");
        assertThat(text.label("school", Lang.VI)).isEqualTo("cơ sở giáo dục");
        assertThat(text.label("completed_well", Lang.VI)).isEqualTo("hoàn thành tốt nhiệm vụ");
        assertThat(ReportText.status(Scorecard.Status.NO_DATA, Lang.VI)).isEqualTo("chưa đủ căn cứ");
        assertThat(ReportText.status(Scorecard.Status.NEEDS_ATTESTATION, Lang.VI)).isEqualTo("cần xác nhận");
    }
}
