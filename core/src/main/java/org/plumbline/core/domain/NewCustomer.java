package org.plumbline.core.domain;


/** A customer to register. */
public record NewCustomer(String name, BodyKind kind, String country, Long parentId) {

    /** Checks the fields, naming each offending one. */
    public void validate() {
        new ValidationException.Collector()
                .check(name == null || name.isBlank(), "name", "is required")
                .check(name != null && name.length() > 200, "name", "must be at most 200 characters")
                .text("name", name, false)
                .check(kind == null, "kind", "is required (ministry, agency or unit)")
                .check(country == null || !country.matches("[A-Z]{2}"), "country",
                        "must be an ISO 3166-1 alpha-2 code in capitals, e.g. NL")
                .throwIfAny();
    }
}
