package dev.shimscan.core.source.cluster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Lists one resource type page by page ({@code limit}, {@code continue}) and hands each item to a consumer as
 * soon as it is parsed, so memory holds one item, not the list. Items get the {@code apiVersion} and
 * {@code kind} that list responses leave out. A {@code 410 Gone} on a continue token (the snapshot expired)
 * restarts the list; items already handed out are not handed out again.
 */
final class ListPager {
    static final int MAX_RESTARTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubeApi api;
    private final int pageSize;

    ListPager(KubeApi api, int pageSize) {
        this.api = api;
        this.pageSize = pageSize;
    }

    /** Lists every item; returns how many were handed out. */
    long list(ResourceType type, String namespace, Consumer<ObjectNode> sink) throws IOException {
        String path = type.listPath(namespace);
        Set<String> seen = new HashSet<>();
        long[] count = {0};
        String token = null;
        int restarts = 0;
        while (true) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("limit", Integer.toString(pageSize));
            if (token != null) {
                query.put("continue", token);
            }
            String next;
            try {
                next = api.get(path, query, body -> readPage(body, type, item -> {
                    if (seen.add(identity(item))) {
                        count[0]++;
                        sink.accept(item);
                    }
                }));
            } catch (ApiStatusException e) {
                if (e.status() == 410 && token != null && restarts < MAX_RESTARTS) {
                    restarts++;
                    token = null;
                    continue;
                }
                throw e;
            }
            if (next == null || next.isEmpty()) {
                return count[0];
            }
            token = next;
        }
    }

    /** Streams one list response: items go to the sink one by one; returns the continue token. */
    static String readPage(InputStream body, ResourceType type, Consumer<ObjectNode> sink) throws IOException {
        String token = null;
        try (JsonParser p = JSON.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a list response that is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("metadata") && value == JsonToken.START_OBJECT) {
                    JsonNode meta = JSON.readTree(p);
                    token = meta.path("continue").asText(null);
                } else if (field.equals("items") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        ObjectNode item = JSON.readTree(p);
                        if (!item.hasNonNull("apiVersion")) {
                            item.put("apiVersion", type.apiVersion());
                        }
                        if (!item.hasNonNull("kind")) {
                            item.put("kind", type.kind());
                        }
                        sink.accept(item);
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return token;
    }

    private static String identity(JsonNode item) {
        JsonNode meta = item.path("metadata");
        String uid = meta.path("uid").asText("");
        return uid.isEmpty() ? meta.path("namespace").asText("") + "/" + meta.path("name").asText("") : uid;
    }
}
