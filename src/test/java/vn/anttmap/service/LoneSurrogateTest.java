package vn.anttmap.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Regression: text with half of a UTF-16 pair was accepted; a whole pair (an emoji) still is. */
class LoneSurrogateTest {
    @Test
    void onlyUnpairedHalvesAreFound() {
        assertThat(RecordConverter.hasLoneSurrogate("Trộm xe 🚲 ở chợ")).isFalse();
        assertThat(RecordConverter.hasLoneSurrogate("a\ud800")).isTrue();
        assertThat(RecordConverter.hasLoneSurrogate("\ud800b")).isTrue();
        assertThat(RecordConverter.hasLoneSurrogate("\udc00")).isTrue();
        assertThat(RecordConverter.hasLoneSurrogate("\ud83d\udeb2\udeb2")).isTrue();
    }
}
