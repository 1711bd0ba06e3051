package vn.anttmap.service;

import vn.anttmap.model.Layer;

/**
 * What an import wrote.
 *
 * @param layer      the layer imported
 * @param written    records inserted or replaced
 * @param reassigned records of other layers whose area or ward changed because boundaries changed
 * @param notes      what the user should know of how the file was read ("vi / en"): computed columns left out
 */
public record ImportResult(Layer layer, int written, int reassigned, java.util.List<String> notes) {
    public ImportResult(Layer layer, int written, int reassigned) {
        this(layer, written, reassigned, java.util.List.of());
    }
}
