package vn.anttmap.service;

import vn.anttmap.model.Layer;

/**
 * What an import wrote.
 *
 * @param layer      the layer imported
 * @param written    records inserted or replaced
 * @param reassigned records of other layers whose area or ward changed because boundaries changed
 */
public record ImportResult(Layer layer, int written, int reassigned) {
}
