package dev.shimscan.core.source.cluster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * Lists one resource type page by page ({@code limit}, {@code continue}) and hands each item to a consumer. The
 * next page is requested as soon as the current one has arrived, so it travels (and is parsed, on a fetch thread)
 * while the consumer checks the current one: one page of prefetch, never more, so memory holds at most two pages
 * of one list and a list has at most one request in flight. Items get the {@code apiVersion} and {@code kind} that
 * list responses leave out. A {@code 410 Gone} on a continue token (the snapshot expired) restarts the list, at most
 * {@value #MAX_RESTARTS} times; items already handed out are not handed out again. Items of a response that was cut
 * short (and then retried) are never handed out.
 */
final class ListPager {
    static final int MAX_RESTARTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubeApi api;
    private final int pageSize;
    private final ExecutorService fetches;

    /** A pager that fetches in the caller's thread (no prefetch). */
    ListPager(KubeApi api, int pageSize) {
        this(api, pageSize, null);
    }

    /**
     * @param fetches where page requests run while the caller checks the previous page; null: in the caller's
     *                thread, one after the other
     */
    ListPager(KubeApi api, int pageSize, ExecutorService fetches) {
        this.api = api;
        this.pageSize = pageSize;
        this.fetches = fetches;
    }

    /** One page of a list: its items, parsed, and the continue token (null on the last page). */
    record Page(List<ObjectNode> items, String token) {
    }

    /** A page request on its way, with the continue token it was sent with (null for the first page). */
    private record Request(Future<Page> page, String token) {
    }

    /** Lists every item; returns how many were handed out. */
    long list(ResourceType type, String namespace, Consumer<ObjectNode> sink) throws IOException {
        return listPages(type, namespace, items -> items.forEach(sink));
    }

    /**
     * Lists every item, a page at a time: {@code sink} gets the items of each page not handed out before (after a
     * restart, some were). Returns how many were handed out.
     */
    long listPages(ResourceType type, String namespace, Consumer<List<ObjectNode>> sink) throws IOException {
        String path = type.listPath(namespace);
        Set<String> seen = new HashSet<>();
        long count = 0;
        int restarts = 0;
        Request next = request(path, type, null);
        try {
            while (next != null) {
                Page page;
                try {
                    page = await(next.page());
                } catch (ApiStatusException e) {
                    boolean expired = e.status() == 410 && next.token() != null;
                    if (expired && restarts < MAX_RESTARTS) {
                        restarts++;
                        next = request(path, type, null);
                        continue;
                    }
                    next = null;
                    if (expired) {
                        throw new ApiStatusException(410, "GET " + path + ": the list expired while it was read "
                                + "(HTTP 410 on continue) " + (restarts + 1) + " times; gave up");
                    }
                    throw e;
                }
                String token = page.token() == null || page.token().isEmpty() ? null : page.token();
                // the next page is on its way while this one is checked
                next = token == null ? null : request(path, type, token);
                List<ObjectNode> fresh = new ArrayList<>(page.items().size());
                for (ObjectNode item : page.items()) {
                    if (seen.add(identity(item))) {
                        fresh.add(item);
                    }
                }
                count += fresh.size();
                sink.accept(fresh);
            }
        } finally {
            if (next != null) {
                next.page().cancel(true); // the consumer failed: the page it will never read is not waited for
            }
        }
        return count;
    }

    private Request request(String path, ResourceType type, String token) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", Integer.toString(pageSize));
        if (token != null) {
            query.put("continue", token);
        }
        // each try reads into a list of its own: items of a response cut short are dropped with it
        FutureTask<Page> task = new FutureTask<>(() -> api.get(path, query, body -> {
            List<ObjectNode> items = new ArrayList<>(Math.min(pageSize, 1024));
            String continueToken = readPage(body, type, items::add);
            return new Page(items, continueToken);
        }));
        if (fetches == null) {
            task.run();
        } else {
            fetches.execute(task);
        }
        return new Request(task, token);
    }

    private static Page await(Future<Page> page) throws IOException {
        try {
            return page.get();
        } catch (InterruptedException e) {
            page.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a page");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }

    /** Streams one list response: items go to the sink one by one; returns the continue token. */
    static String readPage(InputStream body, ResourceType type, Consumer<ObjectNode> sink) throws IOException {
        String token = null;
        try (JsonParser p = JSON.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedResponseException("a list response that is not a JSON object");
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
