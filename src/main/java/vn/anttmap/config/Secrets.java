package vn.anttmap.config;

import java.util.regex.Pattern;

/** Keeps passwords out of logs and messages. */
public final class Secrets {
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern URL_USERINFO = Pattern.compile("(//[^/:@]+:)[^@/]*@");

    private Secrets() {
    }

    /** A JDBC URL with any password (query parameter or user-info) replaced by {@code ****}. */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        String masked = URL_PASSWORD.matcher(url).replaceAll("$1****");
        return URL_USERINFO.matcher(masked).replaceAll("$1****@");
    }

    /** {@code ****} for a set password, {@code (none)} otherwise. */
    public static String mask(String secret) {
        return secret == null || secret.isEmpty() ? "(none)" : "****";
    }
}
