package dev.shimscan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven over the Chrome DevTools Protocol, with nothing but the JDK: the browser is
 * started with {@code --remote-debugging-port=0}, prints its WebSocket address on stderr, and this class talks to
 * it with {@link java.net.http.WebSocket} on loopback. One page (a target in flat session mode); every event is
 * recorded so tests can look for console errors and network requests. Waits are bounded by {@link #TIMEOUT}; the
 * tests never sleep.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    /** The flags that work on these machines (see the machine notes): no sandbox as root, no background traffic. */
    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--disable-extensions", "--hide-scrollbars", "--mute-audio");

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final String session;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();

    private record Waiter(Predicate<JsonNode> match, CompletableFuture<JsonNode> future) {
    }

    /** The browser binary: {@code -Dshimscan.chromium}, else {@code /usr/bin/chromium}; null when absent. */
    static Path binary() {
        String configured = System.getProperty("shimscan.chromium");
        Path p = Path.of(configured != null && !configured.isBlank() ? configured : "/usr/bin/chromium");
        return Files.isExecutable(p) ? p : null;
    }

    HeadlessChromium(Path binary) throws Exception {
        profile = Files.createTempDirectory("shimscan-chromium-");
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(FLAGS);
        command.add("--user-data-dir=" + profile);
        command.add("--remote-debugging-port=0");
        command.add("--window-size=1280,1600");
        command.add("about:blank");
        process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread reader = new Thread(() -> readStderr(address), "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        String ws = address.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(URI.create(ws), new Listener()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
        session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .path("sessionId").asText();
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
            send(domain + ".enable", Map.of());
        }
    }

    private void readStderr(CompletableFuture<String> address) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    address.complete(m.group(1));
                }
            }
            address.completeExceptionally(new IOException("chromium exited (" + process.waitFor()
                    + ") without a DevTools address"));
        } catch (IOException | InterruptedException e) {
            address.completeExceptionally(e);
        }
    }

    /** A command on the page's session; its {@code result}. */
    JsonNode send(String method, Map<String, ?> params) throws Exception {
        return call(session, method, params);
    }

    private JsonNode call(String sessionId, String method, Map<String, ?> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(JSON.writeValueAsString(message), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonNode r = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IllegalStateException(method + " failed: " + r.get("error"));
        }
        return r.path("result");
    }

    /** Starts waiting for an event before the action that causes it. */
    CompletableFuture<JsonNode> expect(String method) {
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        waiters.add(new Waiter(e -> method.equals(e.path("method").asText()), f));
        return f;
    }

    /** Loads a URL and waits for its load event. */
    void navigate(String url) throws Exception {
        CompletableFuture<JsonNode> loaded = expect("Page.loadEventFired");
        JsonNode r = send("Page.navigate", Map.of("url", url));
        if (r.hasNonNull("errorText")) {
            throw new IllegalStateException("cannot load " + url + ": " + r.get("errorText").asText());
        }
        loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Evaluates JavaScript in the page (awaiting a returned promise) and returns its JSON value. */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Every event received so far with this method. */
    List<JsonNode> events(String method) {
        return events.stream().filter(e -> method.equals(e.path("method").asText())).toList();
    }

    /** Console errors, uncaught exceptions and browser log errors, as text. */
    List<String> errors() {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events) {
            String method = e.path("method").asText();
            JsonNode p = e.path("params");
            if (method.equals("Runtime.exceptionThrown")) {
                out.add("exception: " + p.path("exceptionDetails"));
            } else if (method.equals("Runtime.consoleAPICalled")
                    && (p.path("type").asText().equals("error") || p.path("type").asText().equals("assert"))) {
                out.add("console." + p.path("type").asText() + ": " + p.path("args"));
            } else if (method.equals("Log.entryAdded") && p.path("entry").path("level").asText().equals("error")) {
                out.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
            }
        }
        return out;
    }

    /** The URLs of every request the page made. */
    List<String> requests() {
        return events("Network.requestWillBeSent").stream()
                .map(e -> e.path("params").path("request").path("url").asText()).toList();
    }

    byte[] screenshot(int width, int height) throws Exception {
        send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
                "mobile", false));
        JsonNode shot = send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", false));
        return java.util.Base64.getDecoder().decode(shot.path("data").asText());
    }

    @Override
    public void close() throws Exception {
        try {
            if (socket != null) {
                try {
                    call(null, "Browser.close", Map.of());
                } catch (Exception e) {
                    // the browser may close the socket before it answers
                }
                socket.abort();
            }
        } finally {
            // chromium's helper processes (network service, GPU, zygote) outlive the browser process for a moment
            // and go on writing into the profile: stop them all before the profile is removed
            List<ProcessHandle> helpers = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle helper : helpers) {
                helper.destroyForcibly();
                try {
                    helper.onExit().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    // a helper that will not go: the profile is removed as far as it can be
                }
            }
            deleteProfile();
        }
    }

    /** Removes the profile directory; a file that vanishes meanwhile (a helper's temporary file) is no error. */
    private void deleteProfile() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                return;
            } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
                if (attempt == 3) {
                    return; // what is left is a temporary directory
                }
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode message = JSON.readTree(text);
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
                        if (reply != null) {
                            reply.complete(message);
                        }
                    } else {
                        events.add(message);
                        for (Waiter w : waiters) {
                            if (w.match().test(message) && w.future().complete(message)) {
                                waiters.remove(w);
                            }
                        }
                    }
                } catch (IOException e) {
                    events.add(JSON.createObjectNode().put("method", "shimscan.badMessage").put("text", text));
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
