package vn.anttmap.config;

/**
 * The server's settings.
 *
 * @param port            HTTP port; default 7070
 * @param store           where the data lives
 * @param tileUrl         basemap tile URL template for the page; the only outside address the app names
 * @param tileAttribution the basemap's attribution
 * @param loadDemo        load the Hải Hòa demo data into an empty store on start
 */
public record ServerConfig(int port, StoreConfig store, String tileUrl, String tileAttribution, boolean loadDemo) {
    public static final int DEFAULT_PORT = 7070;
    public static final String DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    public static final String DEFAULT_TILE_ATTRIBUTION =
            "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors";

    /** For logs: one line, passwords masked. */
    @Override
    public String toString() {
        return "port=" + port + " " + store + " tileUrl=" + tileUrl + " loadDemo=" + loadDemo;
    }
}
