package vn.anttmap;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar's backup of the embedded store, restored exactly. */
class BackupIT extends JarCommands {
    @Test
    void aBackupRestoresExactlyWhatWasThere() throws Exception {
        wards();
        Files.writeString(dir.resolve("i.csv"), "id,lon,lat,occurred_at,category,channel\n"
                + "a1,105.795,19.451,2023-01-01,other,patrol\n");
        assertThat(java("import", "--layer", "incidents", "i.csv").code()).isZero();
        JarIT.Result backup = java("db", "backup", "--out", "backup.zip");
        assertThat(backup.code()).as(backup.out()).isZero();
        assertThat(java("export", "--layer", "incidents", "--out", "before.geojson").code()).isZero();
        Files.writeString(dir.resolve("j.csv"), "id,lon,lat,occurred_at,category,channel\n"
                + "a2,105.795,19.452,2023-01-02,other,patrol\n");
        java("import", "--layer", "incidents", "j.csv");
        assertThat(incidents(java("db", "check").out())).isEqualTo(2);
        JarIT.Result restore = java("db", "restore", "--from", "backup.zip");
        assertThat(restore.code()).as(restore.out()).isZero();
        assertThat(incidents(java("db", "check").out())).isEqualTo(1);
        assertThat(java("export", "--layer", "incidents", "--out", "after.geojson").code()).isZero();
        assertThat(Files.readString(dir.resolve("after.geojson"))).isEqualTo(Files.readString(dir.resolve("before.geojson")));
        JarIT.Result missing = java("db", "restore", "--from", "nope.zip");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.out()).contains("no backup file nope.zip");
    }
}
