package no.kvik.web;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A page's query parameters. A parameter may repeat (a form's checkboxes send {@code units=a&units=b}) and a list
 * parameter may also be comma-separated ({@code units=a,b}, the form of permanent links); both read the same.
 */
record Query(Map<String, List<String>> values) {
    Query {
        values = Map.copyOf(values);
    }

    static Query parse(String raw, Set<String> allowed) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (!allowed.contains(k)) {
                    throw new WebError(400, "unknown query parameter '" + k + "' (expected " + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
                q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
        }
        return new Query(q);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new WebError(400, "malformed query parameter '" + s + "'");
        }
    }

    /** The single value of {@code key}, or null; given twice with different values is a 400. */
    String one(String key) {
        List<String> v = values.get(key);
        if (v == null) return null;
        if (v.stream().distinct().count() > 1) throw new WebError(400, "query parameter '" + key + "' given twice");
        return v.get(0).isEmpty() ? null : v.get(0);
    }

    /** All values of {@code key}, comma-separated ones split, empty ones and repeats dropped, in the order given. */
    List<String> list(String key) {
        List<String> out = new ArrayList<>();
        for (String v : values.getOrDefault(key, List.of())) {
            for (String part : v.split(",")) {
                if (!part.isBlank() && !out.contains(part.strip())) out.add(part.strip());
            }
        }
        return out;
    }

    /** A query string ("?a=1&b=2") of the non-null values, in the order given. */
    static String of(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> {
            if (v == null || v.isEmpty()) return;
            sb.append(sb.length() == 0 ? '?' : '&').append(encode(k)).append('=').append(encode(v));
        });
        return sb.toString();
    }

    /** URL-encodes a query value, keeping commas readable (they separate list values). */
    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%2C", ",");
    }
}
