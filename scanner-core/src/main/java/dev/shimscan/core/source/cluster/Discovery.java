package dev.shimscan.core.source.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the served custom resource types worth reading: {@code GET /apis}, then, only for the groups of
 * {@link CustomResourceKinds}, {@code GET /apis/GROUP/PREFERRED-VERSION} for the resources and their kinds.
 */
final class Discovery {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubeApi api;

    Discovery(KubeApi api) {
        this.api = api;
    }

    /** The server's version ({@code gitVersion} of {@code /version}), e.g. {@code v1.29.2}. */
    String serverVersion() throws IOException {
        return api.get("/version", Map.of(), body -> JSON.readTree(body).path("gitVersion").asText(""));
    }

    List<ResourceType> customResourceTypes() throws IOException {
        JsonNode groups = api.get("/apis", Map.of(), JSON::readTree).path("groups");
        List<ResourceType> out = new ArrayList<>();
        for (JsonNode group : groups) {
            String name = group.path("name").asText("");
            if (!CustomResourceKinds.BY_GROUP.containsKey(name)) {
                continue;
            }
            String groupVersion = group.path("preferredVersion").path("groupVersion").asText("");
            if (groupVersion.isEmpty() && group.path("versions").size() > 0) {
                groupVersion = group.path("versions").get(0).path("groupVersion").asText("");
            }
            if (!groupVersion.contains("/")) {
                continue;
            }
            String version = groupVersion.substring(groupVersion.indexOf('/') + 1);
            JsonNode resources = api.get("/apis/" + groupVersion, Map.of(), JSON::readTree).path("resources");
            for (JsonNode r : resources) {
                String plural = r.path("name").asText("");
                String kind = r.path("kind").asText("");
                if (plural.isEmpty() || plural.contains("/") || !CustomResourceKinds.wanted(name, kind)
                        || !lists(r)) {
                    continue;
                }
                out.add(new ResourceType(name, version, plural, kind, r.path("namespaced").asBoolean(true)));
            }
        }
        return out;
    }

    private static boolean lists(JsonNode resource) {
        JsonNode verbs = resource.path("verbs");
        if (!verbs.isArray() || verbs.isEmpty()) {
            return true;
        }
        for (JsonNode v : verbs) {
            if (v.asText().equals("list")) {
                return true;
            }
        }
        return false;
    }
}
