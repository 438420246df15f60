package no.kvik.catalog;

import no.kvik.sql.ParameterType;

/** A declared indicator parameter ({@code $name} in the SQL) with its type and default value. */
public record ParameterDecl(String name, ParameterType type, Object defaultValue, String description) {

    @com.fasterxml.jackson.annotation.JsonCreator
    public static ParameterDecl json(
            @com.fasterxml.jackson.annotation.JsonProperty("name") String name,
            @com.fasterxml.jackson.annotation.JsonProperty("type") ParameterType type,
            @com.fasterxml.jackson.annotation.JsonProperty("default") Object defaultValue,
            @com.fasterxml.jackson.annotation.JsonProperty("description") String description) {
        return new ParameterDecl(name, type, defaultValue, description);
    }
}
