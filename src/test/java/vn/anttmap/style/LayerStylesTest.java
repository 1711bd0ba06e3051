package vn.anttmap.style;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.anttmap.io.TaxonomyReader;
import vn.anttmap.model.Taxonomy;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The styles that travel with exports: every QML and SLD is XML, and their colours are the page's own, pinned here and
 * read back from {@code web/app.js} and {@code web/style.css}, so that a change to the page that is not mirrored in
 * {@link LayerStyles} fails.
 */
class LayerStylesTest {
    static final String SE = "http://www.opengis.net/se";
    static final String OGC = "http://www.opengis.net/ogc";
    static final String SLD = "http://www.opengis.net/sld";
    static final Map<String, String> VERDICTS = Map.of("dat", "#2f855a", "chua_dat", "#c53030", "chua_du_can_cu", "#d69e2e");

    static String page() throws IOException {
        return Files.readString(Path.of("web/app.js"));
    }

    /** A {@code const NAME = { key: "value", … }} of web/app.js, in order. */
    static Map<String, String> pageObject(String name) throws IOException {
        Matcher m = Pattern.compile("const " + name + " = \\{([^}]*)\\}").matcher(page());
        assertThat(m.find()).as(name + " in web/app.js").isTrue();
        Map<String, String> out = new LinkedHashMap<>();
        Matcher e = Pattern.compile("([A-Za-z_0-9]+):\\s*\"([^\"]*)\"").matcher(m.group(1));
        while (e.find()) {
            out.put(e.group(1), e.group(2));
        }
        return out;
    }

    static Document xml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        // QML names QGIS's DTD, which is not fetched.
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Element> elements(Element in, String ns, String name) {
        NodeList nl = in.getElementsByTagNameNS(ns, name);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nl.getLength(); i++) {
            out.add((Element) nl.item(i));
        }
        return out;
    }

    static Element first(Element in, String ns, String name) {
        return elements(in, ns, name).get(0);
    }

    /** The SLD's rules: filter value (or "else"; "all" for a single symbol) → the fill colour of its symbolizer. */
    static Map<String, String> sldFills(String layer, String field) throws Exception {
        Document d = xml(LayerStyles.sld(layer, TaxonomyReader.bundled()).orElseThrow());
        Map<String, String> out = new LinkedHashMap<>();
        for (Element rule : elements(d.getDocumentElement(), SE, "Rule")) {
            String key;
            if (field == null) {
                key = "all";
            } else if (!elements(rule, SE, "ElseFilter").isEmpty()) {
                key = "else";
            } else {
                Element eq = first(rule, OGC, "PropertyIsEqualTo");
                assertThat(first(eq, OGC, "PropertyName").getTextContent()).isEqualTo(field);
                key = first(eq, OGC, "Literal").getTextContent();
            }
            String fill = elements(rule, SE, "SvgParameter").stream().filter(p -> p.getAttribute("name").equals("fill"))
                    .map(Element::getTextContent).findFirst().orElse(null);
            out.put(key, fill);
        }
        return out;
    }

    /** The QML's categories: value → the colour option of the symbol it names (its first layer). */
    static Map<String, String> qmlColours(String layer, String field, String colourOption) throws Exception {
        Element root = xml(LayerStyles.qml(layer, TaxonomyReader.bundled()).orElseThrow()).getDocumentElement();
        Element renderer = first(root, "", "renderer-v2");
        assertThat(renderer.getAttribute("type")).isEqualTo("categorizedSymbol");
        assertThat(renderer.getAttribute("attr")).isEqualTo(field);
        Map<String, Element> symbols = new LinkedHashMap<>();
        elements(renderer, "", "symbol").forEach(s -> symbols.put(s.getAttribute("name"), s));
        Map<String, String> out = new LinkedHashMap<>();
        for (Element c : elements(renderer, "", "category")) {
            Element symbol = symbols.get(c.getAttribute("symbol"));
            assertThat(symbol).as("symbol " + c.getAttribute("symbol")).isNotNull();
            String colour = elements(symbol, "", "Option").stream().filter(o -> o.getAttribute("name").equals(colourOption))
                    .map(o -> o.getAttribute("value")).findFirst().orElseThrow();
            out.put(c.getAttribute("value"), colour);
        }
        return out;
    }

    @Test
    void theColourTablesAreThePagesOwn() throws IOException {
        assertThat(LayerStyles.VERDICT_COLOURS).isEqualTo(VERDICTS).isEqualTo(pageObject("VERDICT_COLOURS"));
        assertThat(LayerStyles.CATEGORY_COLOURS).containsExactlyEntriesOf(pageObject("CATEGORY_COLOURS"));
        assertThat(LayerStyles.ORGANISATION_COLOURS).containsExactlyEntriesOf(pageObject("ORG_COLOURS"));
        assertThat(LayerStyles.GI_COLOURS).containsExactlyEntriesOf(pageObject("GI_COLOURS"));
        assertThat(LayerStyles.EMERGING_COLOURS).containsExactlyEntriesOf(pageObject("EMERGING_COLOURS"));
        Matcher density = Pattern.compile("const DENSITY_COLOURS = \\[([^\\]]*)\\]").matcher(page());
        assertThat(density.find()).isTrue();
        assertThat(LayerStyles.DENSITY_COLOURS).containsExactlyElementsOf(Arrays.stream(density.group(1).split(","))
                .map(s -> s.trim().replace("\"", "")).toList());
        // The single colours, where the page uses them.
        String page = page();
        assertThat(page).contains("fillColor: VERDICT_COLOURS[verdict] ?? \"" + LayerStyles.AREA_COLOUR + "\"",
                "CATEGORY_COLOURS[f.properties.category] ?? \"" + LayerStyles.CATEGORY_OTHER_COLOUR + "\"",
                "fillColor: f.properties.status === \"active\" ? \"" + LayerStyles.CAMERA_STATUS_COLOURS.get("active") + "\" : \""
                        + LayerStyles.CAMERA_STATUS_COLOURS.get("inactive") + "\"",
                "f.id === state.ward ? \"#8b1a1a\" : \"" + LayerStyles.WARD_COLOUR + "\"",
                "className: \"antt-road\", color: \"" + LayerStyles.ROAD_COLOUR + "\"",
                "className: \"antt-coast\", color: \"" + LayerStyles.COAST_COLOUR + "\"",
                "vectorTileLayer(\"camera_coverage\", { fill: \"" + LayerStyles.COVERAGE_FILL + "\", stroke: \""
                        + LayerStyles.COVERAGE_STROKE + "\" })",
                "ORG_COLOURS[f.properties.kind] ?? \"" + LayerStyles.ORGANISATION_OTHER_COLOUR + "\"");
        assertThat(LayerStyles.CAMERA_STATUS_COLOURS.get("maintenance")).isEqualTo(LayerStyles.CAMERA_STATUS_COLOURS.get("inactive"));
        assertThat(Files.readString(Path.of("web/style.css"))).contains(".proposal-icon { background: " + LayerStyles.PROPOSAL_COLOUR + ";");
    }

    @Test
    void incidentColoursCoverEveryCategoryOfTheTaxonomy() throws Exception {
        Taxonomy taxonomy = TaxonomyReader.bundled();
        assertThat(LayerStyles.CATEGORY_COLOURS.keySet()).containsAll(taxonomy.codes());
        Map<String, String> sld = sldFills("incidents", "category");
        Map<String, String> qml = qmlColours("incidents", "category", "color");
        for (String code : taxonomy.codes()) {
            assertThat(sld.get(code)).as(code).isEqualTo(Colour.parse(LayerStyles.CATEGORY_COLOURS.get(code)).hex());
            assertThat(qml.get(code)).as(code).isEqualTo(Colour.parse(LayerStyles.CATEGORY_COLOURS.get(code)).qgis());
        }
        assertThat(sld.keySet()).containsExactlyElementsOf(concat(taxonomy.codes(), "else"));
        assertThat(qml.keySet()).containsExactlyElementsOf(concat(taxonomy.codes(), ""));
        // With the taxonomy, the legend names each category in both languages.
        assertThat(LayerStyles.qml("incidents", taxonomy).orElseThrow()).contains("label=\"Tội phạm hình sự / Crime\"");
    }

    @Test
    void residentialAreasAreCategorisedOnTheirVerdictInThePagesColours() throws Exception {
        assertThat(sldFills("residential_areas", "verdict_code")).containsExactly(Map.entry("dat", "#2f855a"),
                Map.entry("chua_dat", "#c53030"), Map.entry("chua_du_can_cu", "#d69e2e"), Map.entry("else", "#2b6cb0"));
        Map<String, String> sld = sldFills("residential_areas", "verdict_code");
        sld.remove("else");
        assertThat(sld).isEqualTo(VERDICTS).isEqualTo(pageObject("VERDICT_COLOURS"));
        // QGIS colours are r,g,b,a: the page fills areas at opacity 0.2 (51 of 255).
        Map<String, String> qml = qmlColours("residential_areas", "verdict_code", "color");
        assertThat(qml).containsEntry("dat", "47,133,90,51").containsEntry("chua_dat", "197,48,48,51")
                .containsEntry("chua_du_can_cu", "214,158,46,51").containsEntry("", "43,108,176,51").hasSize(4);
        VERDICTS.forEach((code, css) -> assertThat(qml.get(code)).isEqualTo(Colour.parse(css).withAlpha(0.2).qgis()));
        String qmlText = LayerStyles.qml("residential_areas").orElseThrow();
        assertThat(qmlText).startsWith("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>")
                .contains("<qgis version=\"3.28\" styleCategories=\"Symbology|Labeling\">", "class=\"SimpleFill\"");
    }

    @Test
    void camerasByStatusAndTheSingleSymbolLayers() throws Exception {
        assertThat(sldFills("cameras", "status")).containsExactly(Map.entry("active", "#2f855a"),
                Map.entry("inactive", "#a0aec0"), Map.entry("maintenance", "#a0aec0"), Map.entry("else", "#a0aec0"));
        for (String layer : List.of("areas", "wards", "camera_coverage", "camera_proposals", "coastline")) {
            Element renderer = first(xml(LayerStyles.qml(layer).orElseThrow()).getDocumentElement(), "", "renderer-v2");
            assertThat(renderer.getAttribute("type")).as(layer).isEqualTo("singleSymbol");
            Element sld = xml(LayerStyles.sld(layer).orElseThrow()).getDocumentElement();
            assertThat(elements(sld, SE, "Rule")).as(layer).hasSize(1);
            assertThat(elements(sld, OGC, "Filter")).as(layer).isEmpty();
        }
        // Wards are outlines: no fill, a dashed line.
        String wards = LayerStyles.qml("wards").orElseThrow();
        assertThat(wards).contains("class=\"SimpleLine\"", "name=\"customdash\" value=\"4;4\"", "\"136,136,136,255\"")
                .doesNotContain("SimpleFill");
        assertThat(LayerStyles.sld("wards").orElseThrow()).doesNotContain("<se:Fill>").contains("stroke-dasharray\">4 4<");
        assertThat(sldFills("camera_coverage", null)).containsExactly(Map.entry("all", "#38a169"));
        assertThat(LayerStyles.sld("camera_coverage").orElseThrow()).contains("fill-opacity\">0.35<", "\">#276749<");
    }

    @Test
    void everyStyleIsXmlInItsOwnSchema() throws Exception {
        for (String layer : LayerStyles.STYLED) {
            Element qml = xml(LayerStyles.qml(layer).orElseThrow()).getDocumentElement();
            assertThat(qml.getTagName()).isEqualTo("qgis");
            assertThat(qml.getAttribute("styleCategories")).isEqualTo("Symbology|Labeling");
            assertThat(elements(qml, "", "renderer-v2")).as(layer).hasSize(1);
            assertThat(elements(qml, "", "symbol")).as(layer).isNotEmpty();
            Document sld = xml(LayerStyles.sld(layer).orElseThrow());
            assertThat(sld.getDocumentElement().getNamespaceURI()).isEqualTo(SLD);
            assertThat(sld.getDocumentElement().getLocalName()).isEqualTo("StyledLayerDescriptor");
            assertThat(sld.getDocumentElement().getAttribute("version")).isEqualTo("1.1.0");
            assertThat(first(first(sld.getDocumentElement(), SLD, "NamedLayer"), SE, "Name").getTextContent()).isEqualTo(layer);
            assertThat(elements(sld.getDocumentElement(), SE, "Rule")).as(layer).isNotEmpty();
            assertThat(LayerStyles.description(layer)).as(layer).contains(" / ");
        }
        for (String none : List.of("teams", "scorecards", "attestations", "extractions", "nope")) {
            assertThat(LayerStyles.qml(none)).as(none).isEmpty();
            assertThat(LayerStyles.sld(none)).as(none).isEmpty();
        }
        assertThat(LayerStyles.qml(null)).isEmpty();
    }

    @Test
    void hotspotGridsKeepThePagesClasses() throws Exception {
        assertThat(sldFills("hotspot_density", "class")).containsExactly(Map.entry("1", "#ffffb2"), Map.entry("2", "#fecc5c"),
                Map.entry("3", "#fd8d3c"), Map.entry("4", "#f03b20"), Map.entry("5", "#bd0026"));
        // Cells that are not significant are not drawn: no fallback rule.
        assertThat(sldFills("hotspot_gistar", "class").keySet()).containsExactlyElementsOf(LayerStyles.GI_COLOURS.keySet());
        assertThat(qmlColours("hotspot_emerging", "pattern", "color").keySet())
                .containsExactlyElementsOf(LayerStyles.EMERGING_COLOURS.keySet());
    }

    @Test
    void coloursInEachNotation() {
        assertThat(Colour.parse("#888")).isEqualTo(new Colour(136, 136, 136, 1));
        assertThat(Colour.parse("rgba(56,161,105,0.35)").qgis()).isEqualTo("56,161,105,89");
        assertThat(Colour.parse("#2f855a").kml()).isEqualTo("ff5a852f");
        assertThat(Colour.parse("#2f855a").withAlpha(0x7f / 255.0).kml()).isEqualTo("7f5a852f");
        assertThat(Colour.parse("#C53030").hex()).isEqualTo("#c53030");
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> out = new ArrayList<>(a);
        out.add(b);
        return out;
    }
}
