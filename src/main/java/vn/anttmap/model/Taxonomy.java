package vn.anttmap.model;

import java.util.List;
import java.util.Optional;

/**
 * The incident categories, loaded from {@code geodata/taxonomy/incident-categories.json}.
 *
 * @param categories every category, in display order
 */
public record Taxonomy(List<Category> categories) {

    /**
     * @param code          stable code stored with each incident
     * @param nameVi        Vietnamese name shown by default
     * @param nameEn        English name
     * @param severity      whether incidents of this category carry a Penal Code severity class
     */
    public record Category(String code, String nameVi, String nameEn, SeverityRule severity) {
    }

    /** Whether a category's incidents carry a Penal Code severity class. */
    public enum SeverityRule { REQUIRED, OPTIONAL, NONE }

    public Taxonomy {
        categories = List.copyOf(categories);
    }

    public Optional<Category> find(String code) {
        for (Category c : categories) { // a plain loop: asked once per imported incident
            if (c.code().equals(code)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public List<String> codes() {
        return categories.stream().map(Category::code).toList();
    }
}
