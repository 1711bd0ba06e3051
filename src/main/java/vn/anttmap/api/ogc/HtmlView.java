package vn.anttmap.api.ogc;

import vn.anttmap.io.Values;
import vn.anttmap.model.Feature;
import vn.anttmap.service.PublishService;

import java.util.List;
import java.util.Map;

/** The HTML view of the OGC API pages: plain, readable, no scripts. */
final class HtmlView {
    private HtmlView() {
    }

    static String document(Object body) {
        return page("ANTT Map — OGC API", "<pre>" + esc(pretty(body)) + "</pre>" + links(body));
    }

    static String items(PublishService.Collection c, List<Feature> page, int matched, List<Object> links) {
        StringBuilder sb = new StringBuilder("<p>").append(page.size()).append(" / ").append(matched).append("</p><table><tr><th>id</th>");
        c.properties().forEach(p -> sb.append("<th>").append(esc(p)).append("</th>"));
        sb.append("</tr>");
        for (Feature f : page) {
            sb.append("<tr><td>").append(esc(f.id())).append("</td>");
            c.properties().forEach(p -> sb.append("<td>").append(esc(Values.format(f.get(p)))).append("</td>"));
            sb.append("</tr>");
        }
        sb.append("</table>");
        for (Object l : links) {
            Map<?, ?> m = (Map<?, ?>) l;
            sb.append("<a href=\"").append(esc(String.valueOf(m.get("href")))).append("\">").append(esc(String.valueOf(m.get("rel"))))
                    .append("</a> ");
        }
        return page(c.title(), sb.toString());
    }

    static String linksJson(List<Object> links) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(links);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String links(Object body) {
        if (body instanceof Map<?, ?> m && m.get("links") instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("<p>");
            for (Object l : list) {
                Map<?, ?> link = (Map<?, ?>) l;
                sb.append("<a href=\"").append(esc(String.valueOf(link.get("href")))).append("\">")
                        .append(esc(String.valueOf(link.get("title")))).append("</a><br>");
            }
            return sb.append("</p>").toString();
        }
        return "";
    }

    private static String pretty(Object body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String page(String title, String content) {
        return "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>"
                + "<style>body{font-family:sans-serif;margin:1rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
                + "padding:2px 6px;font-size:.85rem}</style></head><body><h1>" + esc(title) + "</h1>" + content + "</body></html>";
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
