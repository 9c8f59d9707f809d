package io.jkbms.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/** A request's JSON object body, with typed reads that name the field when it is missing or of the wrong kind. */
final class Body {
    private final ObjectNode node;

    private Body(ObjectNode node) {
        this.node = node;
    }

    static Body parse(ObjectMapper json, String text) {
        JsonNode n;
        try {
            n = text == null || text.isBlank() ? json.createObjectNode() : json.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiException(400, "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiException(400, "the body could not be read: " + e.getMessage());
        }
        if (!(n instanceof ObjectNode o)) {
            throw new ApiException(400, "the body must be a JSON object");
        }
        return new Body(o);
    }

    ObjectNode node() {
        return node;
    }

    boolean has(String name) {
        return node.hasNonNull(name);
    }

    double number(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new ApiException(400, "'" + name + "' is missing");
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new ApiException(400, "'" + name + "' must be a number, was " + v);
        }
        return v.asDouble();
    }

    double number(String name, double otherwise) {
        return has(name) ? number(name) : otherwise;
    }

    int integer(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new ApiException(400, "'" + name + "' is missing");
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new ApiException(400, "'" + name + "' must be a whole number, was " + v);
        }
        return v.intValue();
    }

    boolean bool(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new ApiException(400, "'" + name + "' is missing");
        }
        if (!v.isBoolean()) {
            throw new ApiException(400, "'" + name + "' must be true or false, was " + v);
        }
        return v.booleanValue();
    }

    boolean bool(String name, boolean otherwise) {
        return has(name) ? bool(name) : otherwise;
    }

    String text(String name) {
        JsonNode v = node.get(name);
        if (v == null || !v.isTextual()) {
            throw new ApiException(400, "'" + name + "' must be text" + (v == null ? " and is missing" : ", was " + v));
        }
        return v.textValue();
    }
}
