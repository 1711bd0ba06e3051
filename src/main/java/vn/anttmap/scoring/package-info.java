/**
 * The standard of Thông tư 124/2021/TT-BCA ("An toàn về an ninh, trật tự") as data, and the scorer that applies it.
 * Pure: a {@link vn.anttmap.scoring.Standard} and the {@link vn.anttmap.scoring.Facts} of one residential area
 * (khu dân cư) or ward (phường) for one period go in; a {@link vn.anttmap.scoring.Scorecard} with a status, a measured
 * value, a threshold and evidence for every check, and a verdict (đạt / chưa đạt / chưa đủ căn cứ: met / not met /
 * not yet decidable) comes out.
 */
package vn.anttmap.scoring;
